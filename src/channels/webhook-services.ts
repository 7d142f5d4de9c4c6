import type { DeliveryService } from '../outbox/delivery-service';
import type { InboundService } from '../inbound/inbound-service';

/** What the channel routes may call: the only way a channel reaches the database. */
export interface WebhookServices {
  inbound: Pick<InboundService, 'receiveSms' | 'storeSms'>;
  /** Told after a commit that stored inbound messages: the inbound processor reads them next. */
  inboundStored(): void;
  delivery: Pick<DeliveryService, 'applyReport'>;
  /** Runs synchronous database work in the next group commit; resolves once it is durable. */
  commit<T>(work: () => T): Promise<T>;
  /** Tells the dispatcher new rows are waiting, so replies leave now rather than on the next tick. */
  outboxChanged(): void;
}
