import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per gateway instance (tests build several apps in one process). */
export function createMetrics(options: { queueDepth?: () => number; defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });

  const messages = new Counter({
    name: 'gateway_messages_total',
    help: 'SMS messages by direction (in/out), channel and status',
    labelNames: ['direction', 'channel', 'status'] as const,
    registers: [registry],
  });
  const queueDepth = options.queueDepth;
  new Gauge({
    name: 'gateway_outbox_queue_depth',
    help: 'Outbound messages waiting to be sent or in flight',
    registers: [registry],
    collect() {
      if (queueDepth) this.set(queueDepth());
    },
  });
  const webhookRejections = new Counter({
    name: 'gateway_webhook_rejections_total',
    help: 'Provider requests refused (bad token, bad signature, malformed)',
    labelNames: ['route', 'reason'] as const,
    registers: [registry],
  });

  return { registry, messages, webhookRejections };
}

export type Metrics = ReturnType<typeof createMetrics>;
