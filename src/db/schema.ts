import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/**
 * People and other senders. The number itself is only ever stored encrypted (`phone_enc`); look-ups
 * go through a keyed hash (`phone_hash`), and everything shown uses the `pseudonym`.
 */
export const contacts = sqliteTable(
  'contacts',
  {
    id: text('id').primaryKey(),
    phoneHash: text('phone_hash').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    /** mobile | shortcode | alphanumeric: the last two are never auto-replied to. */
    kind: text('kind', { enum: ['mobile', 'shortcode', 'alphanumeric'] }).notNull(),
    pseudonym: text('pseudonym').notNull(),
    name: text('name'),
    role: text('role', { enum: ['reporter', 'monitor', 'member', 'chair', 'coordinator'] }).notNull().default('reporter'),
    areaCode: text('area_code'),
    /** null until the person chooses one (or writes in a recognizable one). */
    language: text('language'),
    optedOutAt: text('opted_out_at'),
    /** Silence watch (monitors): the last check-in, and when a missed one was followed up. */
    lastCheckInAt: text('last_check_in_at'),
    checkInReminderAt: text('check_in_reminder_at'),
    checkInEscalatedAt: text('check_in_escalated_at'),
    /** The channel of their latest inbound SMS: replies and later messages go back the same way. */
    lastChannel: text('last_channel'),
    /** Their number's country (ISO), for SMS_ROUTES; null for numbers stored before it was kept. */
    country: text('country'),
    ...timestamps,
  },
  (t) => [uniqueIndex('contacts_phone_hash_unique').on(t.phoneHash), uniqueIndex('contacts_pseudonym_unique').on(t.pseudonym), index('contacts_role').on(t.role)],
);

/**
 * Every SMS in and out. Outbound rows are the outbox: written in the same transaction as the change
 * that caused them, then claimed and sent by the dispatcher. Texts are stored encrypted.
 */
export const messages = sqliteTable(
  'messages',
  {
    id: text('id').primaryKey(),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    channel: text('channel', { enum: ['sms', 'ussd'] }).notNull().default('sms'),
    /** The channel that carries it (a name from src/channels/registry.ts). */
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    /** Our own number or short code that it was sent to / from. */
    serviceAddress: text('service_address'),
    textEnc: text('text_enc').notNull(),
    /** Keyed hash of the text, to deduplicate inbound messages that come without a provider id. */
    textHash: text('text_hash'),
    /**
     * in: when the inbound processor read it (report, reply, commands); null while it waits. The
     * webhook only stores (src/inbound/inbound-processor.ts), so a crash between the two loses nothing.
     */
    processedAt: text('processed_at'),
    /** in: received. out: queued → sending → sent → delivered | failed, or unknown after a crash mid-send. */
    /** held: a paused broadcast's row; cancelled: a cancelled broadcast's row that was never sent. */
    /** quarantined: could not be decrypted or built; set aside with the reason, never sent. */
    status: text('status', { enum: ['received', 'queued', 'held', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'cancelled', 'quarantined'] }).notNull(),
    providerStatus: text('provider_status'),
    failureReason: text('failure_reason'),
    failureRetryable: integer('failure_retryable', { mode: 'boolean' }),
    /** The lane (PRIORITY in outbox-repository.ts): 0 rapid alert … 4 bulk broadcast. Lower goes first. */
    priority: integer('priority').notNull().default(1),
    /**
     * Sent even when the contact opted out: a reply to their own message, or a duty of their committee
     * role (alerts, escalations, check-in reminders), which a STOP text cannot end.
     */
    essential: integer('essential', { mode: 'boolean' }).notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: text('next_attempt_at'),
    segments: integer('segments'),
    encoding: text('encoding'),
    inReplyTo: text('in_reply_to'),
    /** The broadcast this row is one recipient of (unique per broadcast and contact). */
    broadcastId: text('broadcast_id'),
    /**
     * A reply still waiting: what it answers, piece by piece (encrypted JSON), so that the next reply to
     * the same person can be folded into it (one combined SMS instead of a stream on a busy day).
     */
    replyPartsEnc: text('reply_parts_enc'),
    sentAt: text('sent_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('messages_provider_id_unique')
      .on(t.direction, t.provider, t.providerMessageId)
      .where(sql`${t.providerMessageId} is not null`),
    // Walked in order by the dispatcher's claim (lane, then age): no sort even with a million queued rows.
    index('messages_outbox_lane').on(t.status, t.priority, t.createdAt),
    uniqueIndex('messages_broadcast_contact_unique')
      .on(t.broadcastId, t.contactId)
      .where(sql`${t.broadcastId} is not null`),
    index('messages_broadcast_status')
      .on(t.broadcastId, t.status)
      .where(sql`${t.broadcastId} is not null`),
    index('messages_contact_created').on(t.contactId, t.createdAt),
    // A reply waiting for someone (enqueueReply folds the next one into it): only queued replies, so
    // the look-up stays one probe however long the queue grows while a provider is slow or down.
    index('messages_waiting_reply')
      .on(t.contactId, t.createdAt)
      .where(sql`${t.direction} = 'out' and ${t.status} = 'queued' and ${t.replyPartsEnc} is not null`),
    index('messages_created').on(t.createdAt),
    // The inbound processor's queue: only the few rows still waiting to be read.
    index('messages_unprocessed')
      .on(t.createdAt)
      .where(sql`${t.direction} = 'in' and ${t.processedAt} is null`),
  ],
);

/** Coordinator API tokens: only a hash is kept; the token itself is printed once at creation. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'coordinator', 'viewer'] }).notNull(),
    areaCode: text('area_code'),
    tokenHash: text('token_hash').notNull(),
    createdAt: text('created_at').notNull(),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
    /** After this moment the token is refused (401); null never expires. */
    expiresAt: text('expires_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash)],
);

/** Who did what that touches people's privacy or a report's fate (number reveals, status changes). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    detail: text('detail'),
  },
  (t) => [index('audit_log_at').on(t.at)],
);

/** Places, any depth: country → county/oblast → sub-county/district → ward/village. */
export const areas = sqliteTable(
  'areas',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    parentCode: text('parent_code'),
    level: text('level').notNull(),
    /** JSON array of other names, any script ("Kibera", "Кибера", "kbra"). */
    aliases: text('aliases').notNull().default('[]'),
    /** The area's centroid, for the dashboard's map (optional: unplaced areas count at their nearest placed ancestor). */
    lat: real('lat'),
    lon: real('lon'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('areas_parent').on(t.parentCode)],
);

/**
 * What people report. The description and the reporter are confidential: the description is stored
 * encrypted and the reporter only as a contact id, never shown to committees.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: text('id').primaryKey(),
    /** Short, unambiguous on a keypad and in speech: what people type in STATUS / ACK. */
    ref: text('ref').notNull(),
    category: text('category'),
    areaCode: text('area_code'),
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
    /** new → verified → actioned → resolved, or rejected; incomplete = abandoned draft; unparsed = not understood. */
    status: text('status', { enum: ['new', 'incomplete', 'unparsed', 'verified', 'actioned', 'resolved', 'rejected'] }).notNull(),
    source: text('source', { enum: ['ussd', 'sms', 'api'] }).notNull(),
    language: text('language').notNull(),
    descriptionEnc: text('description_enc'),
    /** now | today | yesterday | earlier, as the reporter said it. */
    occurredWhen: text('occurred_when'),
    occurredAt: text('occurred_at'),
    reporterContactId: text('reporter_contact_id').references(() => contacts.id),
    ussdSessionId: text('ussd_session_id'),
    /**
     * Set when the reporter had already raised URGENT_PER_SENDER rapid alerts in the window: the ref
     * of their first urgent report of that window, which this one is shown grouped with (no new alert).
     */
    groupedWithRef: text('grouped_with_ref'),
    /** Set when the reporter's data was erased on request: what stays is category, area and time. */
    erasedAt: text('erased_at'),
    /** When a non-urgent report went to its committee in the daily digest (null: not yet). */
    digestedAt: text('digested_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('reports_ref_unique').on(t.ref),
    uniqueIndex('reports_ussd_session_unique').on(t.ussdSessionId),
    index('reports_status_created').on(t.status, t.createdAt),
    // By area, category, then time: a cluster rule counts an area's reports of some categories of the last hours.
    index('reports_area_category_created').on(t.areaCode, t.category, t.createdAt),
  ],
);

/** One USSD session per AT sessionId: where the caller is, and how much of `text` was consumed. */
export const ussdSessions = sqliteTable(
  'ussd_sessions',
  {
    sessionId: text('session_id').primaryKey(),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    serviceCode: text('service_code'),
    /**
     * What the caller has typed so far, never in clear: its keyed hash and length. A repeated hop has
     * the same hash; the next hop's text starts with that many characters (same hash) and a `*`.
     */
    consumedHash: text('consumed_hash').notNull().default(''),
    consumedLength: integer('consumed_length').notNull().default(0),
    /** Engine state (screen, history, answers), encrypted: answers hold what the caller typed. */
    stateEnc: text('state_enc').notNull(),
    /** The last answer sent, encrypted, for a repeated hop; '' (rendered again from the state) since migration 0020. */
    lastResponseEnc: text('last_response_enc').notNull(),
    /** active: mid-flow; ended: the gateway sent END; incomplete/failed: AT said the caller left. */
    status: text('status', { enum: ['active', 'ended', 'incomplete', 'failed'] }).notNull(),
    /** true while a report draft is in progress (resumable). */
    hasDraft: integer('has_draft', { mode: 'boolean' }).notNull().default(false),
    /** Set when the draft was submitted, resumed elsewhere or saved as an incomplete report. */
    draftClosedAt: text('draft_closed_at'),
    hops: integer('hops').notNull().default(0),
    ...timestamps,
  },
  // Neither index holds a column that every hop changes: updated_at in the contact index moved that
  // caller's entry (a random page) on every hop. Drafts are few and time-ordered (the sweep's order).
  (t) => [
    index('ussd_sessions_by_contact').on(t.contactId),
    index('ussd_sessions_open_drafts')
      .on(t.updatedAt)
      .where(sql`${t.hasDraft} = 1 and ${t.draftClosedAt} is null`),
  ],
);

/** Who gets peace messages for which area. */
export const subscriptions = sqliteTable('subscriptions', {
  contactId: text('contact_id')
    .primaryKey()
    .references(() => contacts.id),
  areaCode: text('area_code').notNull(),
  createdAt: text('created_at').notNull(),
});

/** An SMS report waiting for one answer from its reporter (the place, or what happened). */
export const smsConversations = sqliteTable('sms_conversations', {
  contactId: text('contact_id')
    .primaryKey()
    .references(() => contacts.id),
  reportId: text('report_id')
    .notNull()
    .references(() => reports.id),
  awaiting: text('awaiting', { enum: ['area', 'category'] }).notNull(),
  /** JSON array of area codes offered as numbered choices, if any. */
  choices: text('choices').notNull().default('[]'),
  expiresAt: text('expires_at').notNull(),
  createdAt: text('created_at').notNull(),
});

/** An alert to the committee responsible for a report's place (level 0; higher levels are escalations). */
export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    /** The area whose committee got the alert. */
    committeeAreaCode: text('committee_area_code').notNull(),
    level: integer('level').notNull().default(0),
    /** urgent: one urgent report; cluster: several related reports in one committee's area (see flows/alert-rules.yaml). */
    kind: text('kind', { enum: ['urgent', 'cluster'] }).notNull().default('urgent'),
    /** The cluster rule that fired, for cluster alerts. */
    rule: text('rule'),
    /** open → acknowledged; or escalated (a higher level took over); or unanswered (nobody above). */
    status: text('status', { enum: ['open', 'acknowledged', 'escalated', 'unanswered'] }).notNull(),
    acknowledgedBy: text('acknowledged_by').references(() => contacts.id),
    acknowledgedAt: text('acknowledged_at'),
    /** When an open alert goes one level up if nobody has acknowledged it. */
    escalateAt: text('escalate_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('alerts_report_kind_level_unique').on(t.reportId, t.kind, t.level),
    index('alerts_cluster').on(t.kind, t.committeeAreaCode, t.rule, t.createdAt),
    index('alerts_status').on(t.status, t.createdAt),
    index('alerts_due').on(t.status, t.escalateAt),
  ],
);

/** Who an alert was sent to (so that the others can be told who took it). */
export const alertRecipients = sqliteTable(
  'alert_recipients',
  {
    alertId: text('alert_id')
      .notNull()
      .references(() => alerts.id),
    contactId: text('contact_id')
      .notNull()
      .references(() => contacts.id),
    messageId: text('message_id').notNull(),
  },
  // By message: a message that fails for good is looked up here from the dispatcher's hot path.
  (t) => [uniqueIndex('alert_recipients_unique').on(t.alertId, t.contactId), index('alert_recipients_message').on(t.messageId)],
);

/**
 * A message to many: its audience (areas, roles, languages, recent reporters), texts per language,
 * and where its expansion into outbox rows (messages.broadcast_id) has got to.
 */
export const broadcasts = sqliteTable(
  'broadcasts',
  {
    id: text('id').primaryKey(),
    /** Short and unambiguous (B7K2Q): what coordinators quote, and the {ref} placeholder. */
    ref: text('ref').notNull(),
    /**
     * awaiting_confirmation (SMS-first, until YES <code>) → scheduled → sending → done; paused and back;
     * cancelled at any point before done; expired when a confirmation never came.
     */
    status: text('status', { enum: ['awaiting_confirmation', 'scheduled', 'sending', 'paused', 'cancelled', 'done', 'expired'] }).notNull(),
    /** A rapid alert to an area: the notice lane, ahead of every bulk broadcast. */
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
    /** JSON: { areas, roles, languages, reportedWithinDays }. */
    audience: text('audience').notNull(),
    /** JSON: { [language]: text }. */
    texts: text('texts').notNull(),
    fallbackLanguage: text('fallback_language').notNull(),
    source: text('source', { enum: ['api', 'cli', 'sms'] }).notNull(),
    /** Token name, "cli", or the coordinator's pseudonym. */
    createdBy: text('created_by').notNull(),
    /** SMS-first: who must confirm, with which code, by when. */
    confirmContactId: text('confirm_contact_id').references(() => contacts.id),
    confirmCode: text('confirm_code'),
    confirmExpiresAt: text('confirm_expires_at'),
    /** Wrong codes tried; at CONFIRM_MAX_ATTEMPTS the broadcast is cancelled (locked). */
    confirmAttempts: integer('confirm_attempts').notNull().default(0),
    /** A replayed create (same Idempotency-Key) returns the broadcast it made. */
    idempotencyKey: text('idempotency_key'),
    scheduledAt: text('scheduled_at').notNull(),
    /** The last contact id expanded into outbox rows (expansion goes in id order and resumes here). */
    expansionCursor: text('expansion_cursor'),
    expandedAt: text('expanded_at'),
    recipients: integer('recipients').notNull().default(0),
    /** How many the preview counted when it was asked for (SMS-first: told again on confirmation). */
    previewRecipients: integer('preview_recipients'),
    startedAt: text('started_at'),
    cancelledAt: text('cancelled_at'),
    finishedAt: text('finished_at'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('broadcasts_ref_unique').on(t.ref),
    uniqueIndex('broadcasts_idempotency_unique')
      .on(t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index('broadcasts_status').on(t.status, t.scheduledAt),
    index('broadcasts_confirm').on(t.confirmContactId, t.status),
  ],
);

/**
 * Notes that committee members (RESOLVE <ref> <note>) and coordinators (PATCH note) give with a
 * decision: part of the report's timeline. Encrypted like every other text people write.
 */
export const reportNotes = sqliteTable(
  'report_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    reportId: text('report_id')
      .notNull()
      .references(() => reports.id),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    noteEnc: text('note_enc').notNull(),
  },
  (t) => [index('report_notes_report').on(t.reportId, t.at)],
);

/** Per-sender events that are rate limited (report look-ups by ref); purged after a day. */
export const senderEvents = sqliteTable(
  'sender_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    contactId: text('contact_id').notNull(),
    kind: text('kind', { enum: ['status_lookup'] }).notNull(),
    at: text('at').notNull(),
  },
  (t) => [index('sender_events_contact').on(t.contactId, t.kind, t.at)],
);

/**
 * What the gateway keeps about itself: the fingerprint of the key its data is encrypted with (never
 * the key), and the state of a key rotation in progress.
 */
export const gatewayMeta = sqliteTable('gateway_meta', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Dashboard sign-ins: an API token exchanged for a session cookie. Only the SHA-256 of the cookie is
 * kept; each request re-checks the token, so revoking it ends its sessions at once.
 */
export const dashboardSessions = sqliteTable(
  'dashboard_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    tokenId: text('token_id').notNull(),
    name: text('name').notNull(),
    role: text('role', { enum: ['admin', 'coordinator', 'viewer'] }).notNull(),
    areaCode: text('area_code'),
    /** Every form and script request carries it (synchronizer token). */
    csrf: text('csrf').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('dashboard_sessions_expires').on(t.expiresAt)],
);
