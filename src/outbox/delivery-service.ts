import { eq } from 'drizzle-orm';
import type { DeliveryReport } from '../channels/channel-types';
import type { ContactRepository } from '../contacts/contact-repository';
import { atomically, type Db } from '../db/client';
import { messages } from '../db/schema';
import type { Clock } from '../lib/clock';
import type { LogFor, Logger } from '../lib/logger';
import type { Metrics } from '../ops/metrics';
import { isForwardMove, type Outbox } from './outbox-repository';

export type DeliveryOutcome = 'applied' | 'stale' | 'unknown_message';

/**
 * Applies a provider's delivery report to its outbound row. Statuses only move forward, so a late
 * `Buffered` after `Success` changes nothing. Reports for ids we never sent are acknowledged and
 * logged (the provider would otherwise retry them for minutes) but change nothing.
 */
export function createDeliveryService(deps: {
  db: Db;
  outbox: Outbox;
  contacts: ContactRepository;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** Told, inside the same transaction, of a message the provider reports failed for good. */
  messagesFailed?: (messageIds: string[]) => void;
}) {
  const { db, outbox, contacts, clock, logger, metrics } = deps;

  function applyReport(report: DeliveryReport, log: LogFor = () => logger): DeliveryOutcome {
    const outcome = atomically(db, (): DeliveryOutcome => {
      const message = outbox.findOutboundByProviderId(report.provider, report.providerMessageId);
      if (!message) return 'unknown_message';
      if (report.optedOut) contacts.setOptedOut(message.contactId, true);
      if (report.status === null || !isForwardMove(message.status, report.status)) return 'stale';
      db.update(messages)
        .set({
          status: report.status,
          providerStatus: report.providerStatus,
          ...(report.status === 'failed' ? { failureReason: report.failureReason ?? report.providerStatus, failureRetryable: report.retryable } : {}),
          updatedAt: clock.now().toISOString(),
        })
        .where(eq(messages.id, message.id))
        .run();
      metrics.messages.inc({ direction: 'out', channel: message.channel, status: report.status });
      if (report.status === 'failed' && !report.retryable) deps.messagesFailed?.([message.id]);
      return 'applied';
    });
    log().info(
      { provider: report.provider, providerStatus: report.providerStatus, mapped: report.status, outcome, optedOut: report.optedOut },
      'delivery report',
    );
    return outcome;
  }

  return { applyReport };
}

export type DeliveryService = ReturnType<typeof createDeliveryService>;
