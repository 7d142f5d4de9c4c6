import { and, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/area-directory';
import type { Config, Language } from '../config';
import type { ContactRepository, Contact } from '../contacts/contact-repository';
import { countryOfAddress, languageForCountry, parseAddress, type Address } from '../contacts/phone-number';
import type { PhoneVault } from '../contacts/phone-vault';
import { atomically, type Db } from '../db/client';
import { ussdSessions } from '../db/schema';
import type { Subscriptions } from '../contacts/subscriptions';
import { initialState, render, transition, type Effect, type EffectResult, type EngineContext, type FlowState } from '../flows/flow-engine';
import type { Flow, Taxonomy } from '../flows/flow-schema';
import type { Clock } from '../lib/clock';
import type { LogFor, Logger } from '../lib/logger';
import type { Metrics } from '../ops/metrics';
import { normalizeRef } from '../reports/report-refs';
import type { LookupLimit } from '../reports/lookup-limit';
import type { ReportService } from '../reports/report-service';

export interface UssdHop {
  sessionId?: string;
  serviceCode?: string;
  phoneNumber?: string;
  text?: string;
}

export type UssdEventStatus = 'Success' | 'Incomplete' | 'Failed' | string;

/** A dropped report can be continued for this long; after it, it is kept as an incomplete report. */
export const RESUME_WINDOW_MS = 30 * 60_000;
/** Written out (not bound) so that SQLite can use the partial index ussd_sessions_open_drafts. */
const OPEN_DRAFT = sql`${ussdSessions.hasDraft} = 1 and ${ussdSessions.draftClosedAt} is null`;
/** Answers that make a session hold a report draft. */
const DRAFT_KEYS = ['category', 'area', 'when', 'urgent', 'people', 'description'];


type SessionRow = typeof ussdSessions.$inferSelect;

/** What a live session's last hop stored and who sent it (see `recentStates`). */
interface RecentState {
  /** When it was stored (ms): entries idle longer than a USSD session can last are forgotten. */
  at: number;
  sealed: string;
  state: FlowState;
  /** The number the last hop came from: the next hop from the same number is the session's own caller. */
  phone: string;
}

/**
 * What a hop answers, whatever the channel: the screen's text, and whether the session ends there.
 * The wire format (Africa's Talking's "CON …" / "END …") belongs to the channel (at-ussd-routes.ts).
 */
export interface UssdScreen {
  text: string;
  end: boolean;
}

/**
 * Africa's Talking USSD, over the flow engine. Each hop's `text` holds every input of the session
 * joined with `*`; the session remembers the text it has consumed, so only what follows is new input
 * (and a `*` inside free text survives), and a repeated hop gets the same screen without applying
 * its input twice. Sessions, drafts and resume live in SQLite.
 */
export function createUssdService(deps: {
  db: Db;
  config: Pick<Config, 'DEFAULT_COUNTRY' | 'DEFAULT_LANGUAGE'>;
  contacts: ContactRepository;
  vault: PhoneVault;
  reports: ReportService;
  areas: AreaDirectory;
  flow: Flow;
  taxonomy: Taxonomy;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  subscriptions: Subscriptions;
  lookups: LookupLimit;
}) {
  const { db, config, contacts, vault, reports, areas, flow, taxonomy, clock, logger, metrics, subscriptions, lookups } = deps;

  const sessionById = db.select().from(ussdSessions).where(eq(ussdSessions.sessionId, sql.placeholder('sessionId'))).prepare();
  const resumable = db
    .select()
    .from(ussdSessions)
    .where(
      and(
        eq(ussdSessions.contactId, sql.placeholder('contactId')),
        OPEN_DRAFT,
        gte(ussdSessions.updatedAt, sql.placeholder('since')),
        ne(ussdSessions.sessionId, sql.placeholder('sessionId')),
      ),
    )
    .orderBy(desc(ussdSessions.updatedAt))
    .limit(1)
    .prepare();

  const p = (name: string) => sql.placeholder(name);
  const updateSession = db
    .update(ussdSessions)
    .set({
      consumedHash: sql`${p('consumedHash')}`,
      consumedLength: sql`${p('consumedLength')}`,
      stateEnc: sql`${p('stateEnc')}`,
      lastResponseEnc: sql`${p('lastResponseEnc')}`,
      status: sql`${p('status')}`,
      hasDraft: sql`${p('hasDraft')}`,
      draftClosedAt: sql`${p('draftClosedAt')}`,
      updatedAt: sql`${p('updatedAt')}`,
      hops: sql`${ussdSessions.hops} + 1`,
    })
    .where(eq(ussdSessions.sessionId, p('sessionId')))
    .prepare();
  const insertSession = db
    .insert(ussdSessions)
    .values({
      sessionId: p('sessionId'),
      contactId: p('contactId'),
      serviceCode: p('serviceCode'),
      consumedHash: p('consumedHash'),
      consumedLength: p('consumedLength'),
      stateEnc: p('stateEnc'),
      lastResponseEnc: p('lastResponseEnc'),
      status: p('status'),
      hasDraft: p('hasDraft'),
      draftClosedAt: p('draftClosedAt'),
      hops: 1,
      createdAt: p('updatedAt'),
      updatedAt: p('updatedAt'),
    })
    .prepare();

  const sorry = (language: Language): UssdScreen => ({ text: flow.messages.sorry[language], end: true });

  /**
   * The last screen again, for a repeated hop. Hops now store none ('') and render it again from the
   * stored state (the same state renders the same screen; one encryption less per hop). Rows written
   * before hold it sealed: JSON since the wire format moved to the channel, "CON …"/"END …" before.
   */
  function lastScreen(session: SessionRow, address: Address): UssdScreen {
    if (session.lastResponseEnc === '') {
      const screen = render(contextFor(address), readState(session));
      return { text: screen.text, end: screen.end };
    }
    const plain = vault.decrypt(session.lastResponseEnc);
    if (plain.startsWith('{')) return JSON.parse(plain) as UssdScreen;
    return { text: plain.slice(4), end: plain.startsWith('END') };
  }

  function languageFor(contact: Contact, address: Address): Language {
    return (contact.language as Language | null) ?? languageForCountry(countryOfAddress(address), config.DEFAULT_LANGUAGE);
  }

  function contextFor(address: Address): EngineContext {
    const country = countryOfAddress(address) ?? config.DEFAULT_COUNTRY;
    return { flow, taxonomy, areas, rootArea: areas.rootFor(country) };
  }

  /**
   * The state each live session last stored, by its sealed text: the next hop (seconds later) reads
   * it without decrypting and parsing again. A row that anyone else changed has another sealed text
   * and misses. States are never mutated (the flow engine returns new ones). Bounded, dropped when full.
   */
  const recentStates = new Map<string, RecentState>();
  const RECENT_STATES_LIMIT = 20_000;
  /** Africa's Talking ends a session after 180 s: what is older serves no hop, and holds what people typed. */
  const RECENT_STATE_IDLE_MS = 180_000;

  function remember(sessionId: string, recent: RecentState, forget: boolean): void {
    if (forget) {
      recentStates.delete(sessionId);
      return;
    }
    if (recentStates.size >= RECENT_STATES_LIMIT && !recentStates.has(sessionId)) recentStates.clear();
    // Deleted first so that the map stays in order of last hop (forgetIdleStates stops at the first recent one).
    recentStates.delete(sessionId);
    recentStates.set(sessionId, recent);
  }

  /** Drops what sessions idle past Africa's Talking's limit left in memory (run by the scheduler). */
  function forgetIdleStates(): void {
    const before = clock.now().getTime() - RECENT_STATE_IDLE_MS;
    for (const [sessionId, recent] of recentStates) {
      if (recent.at >= before) break;
      recentStates.delete(sessionId);
    }
  }

  /** The session's caller (its row's contact), without hashing and looking the number up again when the last hop came from it. */
  function callerOf(session: SessionRow | undefined, phone: string, address: Address): { id: string; language: Language } {
    const recent = session && recentStates.get(session.sessionId);
    if (session && recent && recent.sealed === session.stateEnc && recent.phone === phone) return { id: session.contactId, language: recent.state.language };
    const { contact } = contacts.findOrCreate(address);
    return { id: contact.id, language: languageFor(contact, address) };
  }

  function readState(row: SessionRow): FlowState {
    const recent = recentStates.get(row.sessionId);
    if (recent && recent.sealed === row.stateEnc) return recent.state;
    return JSON.parse(vault.decrypt(row.stateEnc)) as FlowState;
  }

  function hasDraft(state: FlowState): boolean {
    return DRAFT_KEYS.some((key) => state.answers[key] !== undefined);
  }

  /** Keeps what a dropped or abandoned draft holds as a report marked incomplete (never dropped). */
  function closeDraftAsIncomplete(row: SessionRow, state: FlowState): void {
    if (!row.draftClosedAt && hasDraft(state) && !reports.findByUssdSession(row.sessionId)) {
      reports.create({
        source: 'ussd',
        status: 'incomplete',
        language: state.language,
        category: state.answers.category ?? null,
        areaCode: state.answers.area ?? null,
        urgent: state.answers.urgent === 'yes',
        description: state.answers.description ?? null,
        occurredWhen: state.answers.when ?? null,
        reporterContactId: row.contactId,
        ussdSessionId: row.sessionId,
      });
    }
    closeDraft(row.sessionId);
  }

  function closeDraft(sessionId: string): void {
    db.update(ussdSessions).set({ draftClosedAt: clock.now().toISOString() }).where(eq(ussdSessions.sessionId, sessionId)).run();
  }

  function effectRunner(contact: { id: string }, sessionId: string, draftClosed: { value: boolean }) {
    return (effect: Effect): EffectResult | void => {
      const answers = effect.answers;
      switch (effect.type) {
        case 'submit_report': {
          const existing = reports.findByUssdSession(sessionId);
          const report =
            existing ??
            reports.create({
              source: 'ussd',
              status: 'new',
              language: effect.language,
              category: answers.category ?? null,
              areaCode: answers.area ?? null,
              urgent: answers.urgent === 'yes',
              description: answers.description ?? null,
              occurredWhen: answers.when ?? null,
              reporterContactId: contact.id,
              ussdSessionId: sessionId,
            });
          draftClosed.value = true;
          metrics.reports.inc({ source: 'ussd', status: report.status });
          return { answers: { ref: report.ref } };
        }
        case 'lookup_status': {
          const ref = normalizeRef(answers.ref ?? '');
          // The same per-sender limit as SMS STATUS (see lookup-limit.ts).
          if (!lookups.allow(contact.id)) return { answers: { ref, status: 'limited' } };
          const report = reports.findByRef(ref);
          return { answers: { ref, status: report ? report.status : 'unknown' } };
        }
        case 'subscribe':
          if (answers.peace_area) subscriptions.subscribe(contact.id, answers.peace_area);
          return;
        case 'unsubscribe':
          subscriptions.unsubscribe(contact.id);
          return;
        case 'set_language':
          if (answers.language) contacts.setLanguage(contact.id, answers.language as Language);
          return;
        case 'discard_draft': {
          const fromSession = answers._resume_from;
          const row = fromSession ? sessionById.get({ sessionId: fromSession }) : undefined;
          if (row) closeDraftAsIncomplete(row, readState(row));
          else draftClosed.value = true;
          return;
        }
        case 'resume': {
          const row = answers._resume_from ? sessionById.get({ sessionId: answers._resume_from }) : undefined;
          if (!row || row.draftClosedAt) return;
          closeDraft(row.sessionId);
          const previous = readState(row);
          return { state: { ...previous, error: null } };
        }
      }
    };
  }

  /** The inputs this hop brings, given what the session has already consumed. */
  function newInputs(session: SessionRow | undefined, text: string): string[] {
    if (!session) return text === '' ? [] : text.split('*');
    const consumed = session.consumedLength;
    if (consumed === 0 && session.consumedHash !== '') return [text];
    if (text.length > consumed && text[consumed] === '*' && vault.lookupHash(text.slice(0, consumed)) === session.consumedHash) return [text.slice(consumed + 1)];
    // Out of step with the gateway (should not happen; or a session from before an upgrade): the last
    // token is the newest input.
    return [text.split('*').at(-1) ?? ''];
  }

  function hop(request: UssdHop, log: LogFor = () => logger): UssdScreen {
    const sessionId = request.sessionId?.trim();
    const phone = request.phoneNumber?.trim();
    const address = phone ? parseAddress(phone, config.DEFAULT_COUNTRY) : null;
    if (!sessionId || sessionId.length > 100 || !address || address.kind !== 'mobile') {
      metrics.ussdHops.inc({ outcome: 'refused' });
      log().warn({ hasSession: !!sessionId, hasPhone: !!phone }, 'ussd hop without a usable session or number');
      return sorry(config.DEFAULT_LANGUAGE);
    }
    const text = request.text ?? '';
    let language = config.DEFAULT_LANGUAGE;
    try {
      return atomically(db, () => {
        const session = sessionById.get({ sessionId });
        const contact = callerOf(session, phone!, address);
        language = contact.language;
        const textHash = vault.lookupHash(text);
        if (session && session.consumedHash === textHash) {
          metrics.ussdHops.inc({ outcome: 'repeat' });
          return lastScreen(session, address);
        }
        const ctx = contextFor(address);
        const now = clock.now();
        let state: FlowState;
        if (session) {
          state = readState(session);
        } else {
          const draft = resumable.get({ contactId: contact.id, since: new Date(now.getTime() - RESUME_WINDOW_MS).toISOString(), sessionId });
          state = draft ? { ...initialState(flow, language, flow.resume), answers: { _resume_from: draft.sessionId } } : initialState(flow, language);
        }
        const draftClosed = { value: !!session?.draftClosedAt };
        const run = effectRunner(contact, sessionId, draftClosed);
        for (const input of newInputs(session, text)) state = transition(ctx, state, input, run);
        const screen = render(ctx, state);
        const response: UssdScreen = { text: screen.text, end: screen.end };
        const values = {
          consumedHash: textHash,
          consumedLength: text.length,
          stateEnc: vault.encrypt(JSON.stringify(state)),
          lastResponseEnc: '',
          status: screen.end ? ('ended' as const) : ('active' as const),
          hasDraft: hasDraft(state) ? 1 : 0,
          draftClosedAt: draftClosed.value ? (session?.draftClosedAt ?? now.toISOString()) : null,
          updatedAt: now.toISOString(),
        };
        if (session) updateSession.run({ sessionId, ...values });
        else insertSession.run({ sessionId, contactId: contact.id, serviceCode: request.serviceCode ?? null, ...values });
        // Remembered once this transaction commits; a rolled-back hop leaves the row, so it misses.
        // Only the row's own caller is remembered: a hop from another number keeps looking that number up.
        const ownCaller = !session || session.contactId === contact.id;
        remember(sessionId, { at: now.getTime(), sealed: values.stateEnc, state, phone: phone! }, screen.end || !ownCaller);
        metrics.ussdHops.inc({ outcome: screen.end ? 'end' : 'continue' });
        return response;
      });
    } catch (error) {
      metrics.ussdHops.inc({ outcome: 'error' });
      log().error({ err: error }, 'ussd hop failed');
      return sorry(language);
    }
  }

  /** Africa's Talking's end-of-session notification: `Incomplete` means the caller left mid-flow. */
  function sessionEnded(sessionId: string, status: UssdEventStatus): boolean {
    const next = status === 'Incomplete' ? 'incomplete' : status === 'Failed' ? 'failed' : 'ended';
    recentStates.delete(sessionId);
    const changed = db
      .update(ussdSessions)
      // updated_at is left alone: the resume window counts from the caller's last hop.
      .set({ status: next })
      .where(eq(ussdSessions.sessionId, sessionId))
      .run().changes;
    return changed > 0;
  }

  /** Drafts left longer than the resume window become incomplete reports. Returns how many. */
  function sweepAbandonedDrafts(): number {
    forgetIdleStates();
    const before = new Date(clock.now().getTime() - RESUME_WINDOW_MS).toISOString();
    const stale = db
      .select()
      .from(ussdSessions)
      .where(and(OPEN_DRAFT, lt(ussdSessions.updatedAt, before)))
      .limit(500)
      .all();
    atomically(db, () => {
      for (const row of stale) closeDraftAsIncomplete(row, readState(row));
    });
    return stale.length;
  }

  /**
   * Sessions with a hop in the last 180 s that have not ended (the /metrics gauge), from the states
   * this process remembers: counting them in SQL scanned the whole table (no index on updated_at, which
   * every hop would have to move), ~80 ms per scrape with 500,000 sessions kept.
   */
  function activeSessions(): number {
    const since = clock.now().getTime() - RECENT_STATE_IDLE_MS;
    let active = 0;
    for (const recent of recentStates.values()) if (recent.at >= since) active += 1;
    return active;
  }

  return { hop, sessionEnded, sweepAbandonedDrafts, activeSessions };
}

export type UssdService = ReturnType<typeof createUssdService>;
