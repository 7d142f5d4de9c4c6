import { createAuditLog } from './access/audit-log';
import { createAreaScope } from './access/area-scope';
import { createTokenService } from './access/token-service';
import { createAreaDirectory } from './areas/area-directory';
import { createBroadcastService } from './broadcast/broadcast-service';
import { createRouter } from './channels/routing';
import type { ChannelName, Config } from './config';
import { createContactRepository } from './contacts/contact-repository';
import { createPhoneVault, type PhoneVault } from './contacts/phone-vault';
import { createErasure } from './data-safety/erasure';
import { guardKey } from './data-safety/key-guard';
import { openDatabase, runMigrations, type Db } from './db/client';
import { loadContent, type Content } from './flows/content';
import { systemClock, type Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import { createOutbox } from './outbox/outbox-repository';
import { createReportService } from './reports/report-service';
import { createReplyCombiner } from './sms/combined-reply';

/**
 * Small wiring steps shared by the gateway (gateway.ts) and the operator CLI (scripts/cli.ts), so
 * that a command works on the same services, built the same way, as the running gateway: the same
 * key check, the same routing of broadcasts over several channels, the same audit log.
 */

export interface Store {
  config: Config;
  db: Db;
  vault: PhoneVault;
  clock: Clock;
}

/** The database, migrated, and refused when PHONE_KEY is not its key (a wrong key would corrupt it). */
export function openStore(config: Config, options: { db?: Db; clock?: Clock } = {}): Store {
  const db = options.db ?? openDatabase(config.DATABASE_PATH, { synchronous: config.SQLITE_SYNCHRONOUS });
  const vault = createPhoneVault(config.PHONE_KEY);
  try {
    runMigrations(db);
    guardKey(db, vault);
  } catch (error) {
    if (!options.db) db.$client.close();
    throw error;
  }
  return { config, db, vault, clock: options.clock ?? systemClock };
}

/** What every part reads and writes: people, places, tokens, the audit log, erasure, area scope. */
export function wireRecords(store: Store) {
  const { config, db, vault, clock } = store;
  const audit = createAuditLog({ db, clock });
  const areas = createAreaDirectory({ db });
  return {
    audit,
    areas,
    scope: createAreaScope(areas),
    contacts: createContactRepository({ db, vault, clock }),
    tokens: createTokenService({ db, clock, bootstrapAdminToken: config.BOOTSTRAP_ADMIN_TOKEN }),
    erasure: createErasure({ db, clock, audit }),
  };
}

export type Records = ReturnType<typeof wireRecords>;

/**
 * The channels messages go out on, the first the default, and the router that picks one per person
 * (the channel they wrote in on, else SMS_ROUTES by their number's country).
 */
export function wireRouting(config: Config, channelNames: readonly ChannelName[] = config.channels) {
  return { channelNames, channelFor: channelNames.length > 1 ? createRouter(channelNames, config.SMS_ROUTES ?? []) : undefined };
}

export type Routing = ReturnType<typeof wireRouting>;

/** The outbox (every outbound message), routing each row to its channel, replies combined per person. */
export function wireOutbox(store: Store, routing: Routing, content: Content) {
  const { db, vault, clock } = store;
  return createOutbox({ db, vault, clock, provider: routing.channelNames[0]!, channels: routing.channelNames, channelFor: routing.channelFor, combineReplies: createReplyCombiner(content.replies) });
}

/** Broadcasts: preview, create and expand, split by channel like every other message. */
export function wireBroadcasts(store: Store, records: Records, routing: Routing, logger: Logger) {
  const { config, db, vault, clock } = store;
  return createBroadcastService({
    db,
    areas: records.areas,
    vault,
    clock,
    logger,
    provider: routing.channelNames[0]!,
    channelFor: routing.channelFor,
    defaultLanguage: config.DEFAULT_LANGUAGE,
    pricePerSegment: config.SMS_PRICE_PER_SEGMENT,
    currency: config.SMS_PRICE_CURRENCY,
  });
}

/**
 * Reports and what they lead to. The gateway passes `onCreated` and `hasCommittee` (alerts); a
 * command that only reads reports (export) needs neither.
 */
export function wireReports(
  store: Store,
  records: Records,
  messaging: { outbox: ReturnType<typeof wireOutbox>; content?: Content },
  hooks: Pick<Parameters<typeof createReportService>[0], 'onCreated' | 'hasCommittee'> = {},
) {
  const { db, vault, clock, config } = store;
  return createReportService({ db, vault, clock, outbox: messaging.outbox, contacts: records.contacts, content: messaging.content ?? loadContent(config.FLOWS_DIR), audit: records.audit, ...hooks });
}
