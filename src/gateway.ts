import { openStore, wireBroadcasts, wireOutbox, wireRecords, wireReports, wireRouting } from './wiring';
import { createReportRoutes } from './api/report-routes';
import { createApp } from './app';
import { createDeliveryService } from './outbox/delivery-service';
import { combineDispatchers, createDispatcher, type DispatcherOptions } from './outbox/dispatcher';
import { channelModule } from './channels/registry';
import { createMessageQueries } from './outbox/message-queries';
import { createBroadcastRunner } from './broadcast/broadcast-runner';
import { createRateLimiter } from './outbox/rate-limiter';
import { createSmsBroadcast } from './broadcast/sms-broadcast';
import { createBroadcastRoutes } from './api/broadcast-routes';
import type { SmsSender } from './channels/channel-types';
import type { ChannelName, Config } from './config';
import { parseAddress } from './contacts/phone-number';
import type { Db } from './db/client';
import { createGroupCommit } from './db/group-commit';
import { loadContent } from './flows/content';
import { createHealthCheck } from './ops/health';
import { createDigestService } from './digests/digest-service';
import { loadAlertRules, loadFlow, loadTaxonomy } from './flows/flow-schema';
import { createReportQueries } from './reports/report-queries';
import { createDashboardRoutes } from './dashboard/dashboard-routes';
import { createDashboardSessions } from './dashboard/dashboard-sessions';
import { importAreasCsv } from './areas/area-import';
import { importContactsCsv } from './contacts/contact-import';
import { createLookupLimit } from './reports/lookup-limit';
import { RESUME_WINDOW_MS, createUssdService } from './ussd/ussd-service';
import { createReportParser } from './sms/report-parser';
import { createSmsReporting } from './sms/sms-reporting';
import { createSubscriptions } from './contacts/subscriptions';
import { createAlertService } from './alerts/alert-service';
import { createSilenceWatch } from './alerts/silence-watch';
import { createInboundService } from './inbound/inbound-service';
import { createInboundProcessor } from './inbound/inbound-processor';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import { createMetrics } from './ops/metrics';

/** The sender of one channel, built from its credentials (checked together by config). */
export function createSenderFor(config: Config, channel: ChannelName, overrides: { twilioKeepAlive?: boolean } = {}): SmsSender {
  return channelModule(channel).sender(config, overrides);
}

export interface GatewayOptions {
  logger: Logger;
  clock?: Clock;
  /** One sender instead of the configured channels (tests). */
  sender?: SmsSender;
  /** Several senders, one per channel, the first the default (tests of routing). */
  senders?: SmsSender[];
  dispatcher?: DispatcherOptions;
  /** An already-open database (tests); otherwise DATABASE_PATH is opened. */
  db?: Db;
}

/**
 * The composition root: wires every service once, from one frozen Config. main.ts adds listening
 * and signals; tests use the same wiring with a temporary database and a captured logger.
 */
export function createGateway(config: Config, options: GatewayOptions) {
  const { logger } = options;
  const store = openStore(config, { db: options.db, clock: options.clock });
  const { db, vault, clock } = store;
  const records = wireRecords(store);
  const { contacts, areas, audit, tokens, scope, erasure } = records;

  const content = loadContent(config.FLOWS_DIR);
  // One sender per channel: SMS_CHANNELS (or SMS_PROVIDER), or what a test gives.
  const senders: SmsSender[] = options.senders ?? (options.sender ? [options.sender] : config.channels.map((channel) => createSenderFor(config, channel)));
  const routing = wireRouting(config, senders.map((s) => s.provider));
  const outbox = wireOutbox(store, routing, content);
  const flow = loadFlow(config.FLOWS_DIR);
  const taxonomy = loadTaxonomy(config.FLOWS_DIR);
  // The gauges read through `ussd`, which needs `metrics` itself: wired once both exist.
  let activeUssdSessions = () => 0;
  const metrics = createMetrics({
    queueDepth: () => outbox.queueDepth(),
    queueDepthByLane: () => outbox.queueDepthByLane(),
    oldestAlertWaitSeconds: () => outbox.oldestAlertWaitSeconds(),
    quarantined: () => outbox.quarantined(),
    providerCircuitOpen: () => dispatcher.circuit().open,
    activeUssdSessions: () => activeUssdSessions(),
    reportsByStatus: () => db.$client.prepare('select status, count(*) as count from reports group by status').all() as { status: string; count: number }[],
    defaultMetrics: true,
  });
  const alerts = createAlertService({
    db,
    areas,
    outbox,
    content,
    taxonomy,
    clock,
    logger,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    escalateAfterMinutes: config.ALERT_ESCALATE_MINUTES,
    rules: loadAlertRules(config.FLOWS_DIR),
    urgentPerSender: config.URGENT_PER_SENDER,
    urgentWindowMinutes: config.URGENT_WINDOW_MINUTES,
  });
  const lookups = createLookupLimit({ db, clock, perHour: config.STATUS_LOOKUPS_PER_HOUR });
  const silenceWatch = createSilenceWatch({
    db,
    areas,
    outbox,
    content,
    clock,
    logger,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    periodDays: config.CHECK_IN_DAYS,
    graceHours: config.CHECK_IN_GRACE_HOURS,
    committeeFor: (areaCode) => alerts.committeeFor(areaCode),
  });
  const reports = wireReports(store, records, { outbox, content }, {
    onCreated: (report) => alerts.consider(report),
    hasCommittee: (areaCode) => alerts.committeeFor(areaCode) !== null,
  });
  const subscriptions = createSubscriptions({ db, clock, contacts });
  const broadcasts = wireBroadcasts(store, records, routing, logger);
  const smsBroadcast = createSmsBroadcast({ broadcasts, areas, content, audit, confirmed: () => broadcastRunner.poke() });
  const parser = createReportParser({ taxonomy, keywords: content.keywords, areas });
  const reporting = createSmsReporting({
    db,
    clock,
    reports,
    contacts,
    areas,
    parser,
    content,
    flow,
    metrics,
    audit,
    subscriptions,
    alerts,
    silenceWatch,
    lookups,
    conversationMinutes: config.SMS_CONVERSATION_MINUTES,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    broadcastCommands: smsBroadcast,
  });
  const inbound = createInboundService({ db, config, contacts, vault, outbox, content, clock, logger, metrics, reporting });
  const inboundProcessor = createInboundProcessor({ inbound, logger, outboxChanged: () => dispatcher.poke(), mode: config.INBOUND_READING });
  // A message that failed for good may leave an alert with nobody to reach: it escalates at once.
  const messagesFailed = (ids: string[]) => {
    if (alerts.messagesFailed(ids) > 0) dispatcher.poke();
  };
  const delivery = createDeliveryService({ db, outbox, contacts, clock, logger, metrics, messagesFailed });
  // One dispatcher per channel, each with its own rate window, batches and circuit: a slow or down
  // channel never holds back another.
  const dispatchers = senders.map((channelSender) => {
    const limiter = createRateLimiter({ segmentsPerSecond: channelModule(channelSender.provider).rate(config), clock });
    const channelDispatcher = createDispatcher({ outbox, sender: channelSender, contacts, clock, logger, metrics, rateLimiter: limiter, messagesFailed }, {
      idleMs: config.DISPATCH_INTERVAL_MS,
      retry: {
        baseMs: config.SEND_RETRY_BASE_SECONDS * 1000,
        maxMs: Math.max(config.SEND_RETRY_MAX_SECONDS, config.SEND_RETRY_BASE_SECONDS) * 1000,
        replyDeadlineMs: 24 * 3_600_000,
        broadcastDeadlineMs: config.BROADCAST_EXPIRY_HOURS * 3_600_000,
      },
      ...options.dispatcher,
    });
    return { dispatcher: channelDispatcher, rateLimiter: limiter };
  });
  const rateLimiter = dispatchers[0]!.rateLimiter;
  const dispatcher = combineDispatchers(dispatchers.map((d) => d.dispatcher));
  const broadcastRunner = createBroadcastRunner({ broadcasts, logger, outboxChanged: () => dispatcher.poke() });
  const messages = createMessageQueries({ db, vault });
  const ussd = createUssdService({ db, config, contacts, vault, reports, areas, flow, taxonomy, clock, logger, metrics, subscriptions, lookups });
  activeUssdSessions = () => ussd.activeSessions();
  const groupCommit = createGroupCommit(db);
  const digests = createDigestService({
    db,
    outbox,
    areas,
    content,
    taxonomy,
    clock,
    logger,
    committeeFor: (areaCode) => alerts.committeeFor(areaCode),
    defaultLanguage: config.DEFAULT_LANGUAGE,
    digestTime: config.DIGEST_TIME,
    digestTimeZone: config.DIGEST_TZ,
  });
  const reportQueries = createReportQueries({ db, reports, areas, clock, coveredAreaCodes: () => alerts.coveredAreaCodes() });
  const dashboardSessions = createDashboardSessions({ db, clock, tokens, hours: config.DASHBOARD_SESSION_HOURS });
  const dashboard = createDashboardRoutes({
    config,
    logger,
    sessions: dashboardSessions,
    tokens,
    scope,
    queries: reportQueries,
    reports,
    contacts,
    areas,
    taxonomy,
    broadcasts,
    broadcastCreated: () => broadcastRunner.poke(),
    audit,
    importContacts: (csvText, mayPlace) => importContactsCsv(db, contacts, config.DEFAULT_COUNTRY, csvText, mayPlace),
    importAreas: (csvText) => importAreasCsv(db, clock, csvText),
  });
  const health = createHealthCheck({ db, databasePath: config.DATABASE_PATH, clock, outbox, dispatcher });

  const app = createApp({
    config,
    logger,
    metrics,
    webhooks: { inbound, delivery, commit: groupCommit.run, outboxChanged: () => dispatcher.poke(), inboundStored: () => inboundProcessor.poke() },
    ussd: { ussd, commit: groupCommit.run, sorry: { text: flow.messages.sorry[config.DEFAULT_LANGUAGE], end: true } },
    tokens,
    messages,
    audit,
    scope,
    contacts,
    erasure,
    apiRoutes: [
      createReportRoutes({ db, reports, areas, scope, audit, queries: reportQueries }),
      createBroadcastRoutes({ broadcasts, scope, audit, broadcastCreated: () => broadcastRunner.poke() }),
    ],
    health: health.reasons,
    storageFailed: health.storageFailed,
    dashboard,
    consoleInbox: (phone, after) => {
      const address = parseAddress(phone, config.DEFAULT_COUNTRY);
      const contact = address && contacts.findByAddress(address);
      return contact ? messages.listOutboundTo(contact.id, after) : [];
    },
  });

  let maintenance: NodeJS.Timeout | undefined;
  let lastRetentionRun = -Infinity;
  /** Scheduled work: each step on its own, so that one failing never holds back the others. */
  const maintenanceSteps: [string, () => number][] = [
    ['escalations', () => alerts.escalateDue()],
    ['late committees', () => alerts.alertLateCommittees()],
    ['digests', () => digests.runDue()],
    ['silence watch', () => silenceWatch.runDue()],
    ['look-up limits', () => (lookups.purge(), 0)],
    ['dashboard sessions', () => (dashboardSessions.purgeExpired(), 0)],
    [
      'abandoned USSD drafts',
      () => {
        const swept = ussd.sweepAbandonedDrafts();
        if (swept > 0) logger.info({ swept }, 'abandoned USSD drafts kept as incomplete reports');
        return 0;
      },
    ],
    // What callers typed is kept only as long as a dropped session can be resumed.
    ['USSD sessions', () => (erasure.purgeUssdSessions(RESUME_WINDOW_MS), 0)],
    [
      'retention',
      () => {
        if (!config.RETENTION_DAYS || clock.now().getTime() - lastRetentionRun < 86_400_000) return 0;
        lastRetentionRun = clock.now().getTime();
        const purged = erasure.purgeTexts(config.RETENTION_DAYS);
        if (purged > 0) logger.info({ purged, retentionDays: config.RETENTION_DAYS }, 'message texts past the retention period purged');
        return 0;
      },
    ],
  ];
  function runMaintenance(): void {
    let queued = 0;
    for (const [name, step] of maintenanceSteps) {
      try {
        queued += step();
      } catch (error) {
        logger.error({ err: error, step: name }, 'maintenance step failed');
      }
    }
    if (queued > 0) dispatcher.poke();
  }

  return {
    /** The express app (main.ts listens with it; tests drive it in-process). */
    app,
    db,
    /** Runs the scheduled work once: escalations, digests, silence watch, purges. */
    runMaintenance,
    /** Starts the background work: the dispatchers, the broadcast runner, and the scheduled work every 20 seconds. */
    start(): void {
      inboundProcessor.start();
      dispatcher.start();
      broadcastRunner.start();
      runMaintenance();
      maintenance = setInterval(runMaintenance, 20_000);
      maintenance.unref();
    },
    /** Stops the background work (the dispatcher finishes its cycle) and closes the database. */
    async close(): Promise<void> {
      if (maintenance) clearInterval(maintenance);
      inboundProcessor.stop();
      await broadcastRunner.stop();
      await dispatcher.stop();
      if (db.$client.open) db.$client.close();
    },
    /** The wired services, for commands and tests that act on one directly (main.ts needs none). */
    services: { areas, reports, alerts, ussd, flow, taxonomy, vault, contacts, erasure, digests, outbox, inbound, inboundProcessor, delivery, dispatcher, rateLimiter, broadcasts, broadcastRunner, tokens, audit, messages, metrics },
  };
}

export type Gateway = ReturnType<typeof createGateway>;
