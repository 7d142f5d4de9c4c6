import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per gateway instance (tests build several apps in one process). */
export function createMetrics(
  options: {
    queueDepth?: () => number;
    queueDepthByLane?: () => Record<string, number>;
    oldestAlertWaitSeconds?: () => number;
    quarantined?: () => number;
    providerCircuitOpen?: () => boolean;
    activeUssdSessions?: () => number;
    reportsByStatus?: () => { status: string; count: number }[];
    defaultMetrics?: boolean;
  } = {},
) {
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
  const byLane = options.queueDepthByLane;
  new Gauge({
    name: 'gateway_outbox_waiting',
    help: 'Outbound messages waiting to be handed to the provider, per lane (alert, reply, notice, urgentBroadcast, bulk)',
    labelNames: ['lane'] as const,
    registers: [registry],
    collect() {
      if (!byLane) return;
      for (const [lane, count] of Object.entries(byLane())) this.set({ lane }, count);
    },
  });
  const oldestAlert = options.oldestAlertWaitSeconds;
  new Gauge({
    name: 'gateway_oldest_waiting_alert_seconds',
    help: 'How long the oldest rapid alert not yet handed to the provider has waited (0: none waits)',
    registers: [registry],
    collect() {
      if (oldestAlert) this.set(oldestAlert());
    },
  });
  const quarantined = options.quarantined;
  new Gauge({
    name: 'gateway_outbox_quarantined',
    help: 'Outbound messages set aside because they could not be decrypted or built (never sent)',
    registers: [registry],
    collect() {
      if (quarantined) this.set(quarantined());
    },
  });
  const circuitOpen = options.providerCircuitOpen;
  new Gauge({
    name: 'gateway_provider_circuit_open',
    help: '1 while the provider has failed every request lately and is only probed, else 0',
    registers: [registry],
    collect() {
      if (circuitOpen) this.set(circuitOpen() ? 1 : 0);
    },
  });
  const webhookRejections = new Counter({
    name: 'gateway_webhook_rejections_total',
    help: 'Provider requests refused (bad token, bad signature, malformed)',
    labelNames: ['route', 'reason'] as const,
    registers: [registry],
  });

  const authRejections = new Counter({
    name: 'gateway_auth_rejections_total',
    help: 'Requests refused for missing or wrong credentials (401) or outside their role or area (403), by route',
    labelNames: ['route', 'status'] as const,
    registers: [registry],
  });

  const ussdHops = new Counter({
    name: 'gateway_ussd_hops_total',
    help: 'USSD hops by outcome (continue, end, repeat, refused, error)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const activeUssdSessions = options.activeUssdSessions;
  new Gauge({
    name: 'gateway_ussd_sessions_active',
    help: 'USSD sessions with a hop in the last 180 s that have not ended',
    registers: [registry],
    collect() {
      if (activeUssdSessions) this.set(activeUssdSessions());
    },
  });
  const reports = new Counter({
    name: 'gateway_reports_created_total',
    help: 'Reports created, by source and initial status',
    labelNames: ['source', 'status'] as const,
    registers: [registry],
  });
  const reportsByStatus = options.reportsByStatus;
  new Gauge({
    name: 'gateway_reports',
    help: 'Reports stored, by current status',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      if (!reportsByStatus) return;
      this.reset();
      for (const { status, count } of reportsByStatus()) this.set({ status }, count);
    },
  });

  return { registry, messages, webhookRejections, authRejections, ussdHops, reports };
}

export type Metrics = ReturnType<typeof createMetrics>;
