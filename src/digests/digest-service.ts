import { PRIORITY, type Outbox } from '../outbox/outbox-repository';
import { measureSms } from '../outbox/segments';
import type { AreaDirectory } from '../areas/area-directory';
import { LANGUAGES, type Language } from '../config';
import type { Contact } from '../contacts/contact-repository';
import { atomically, type Db } from '../db/client';
import type { Content } from '../flows/content';
import type { Taxonomy } from '../flows/flow-schema';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { ALERT_PLACE_MAX, cut } from '../alerts/alert-texts';
import { createGatewayMeta } from '../data-safety/gateway-meta';

const OPEN = ['new', 'unparsed', 'verified', 'actioned'];
const LAST_DIGEST_DAY = 'digest_last_day';

interface PendingReport {
  id: string;
  ref: string;
  category: string | null;
  areaCode: string;
}

export interface DigestRun {
  committees: number;
  messages: number;
  reports: number;
}

/** "HH:MM" and an IANA zone → the local day (YYYY-MM-DD) and whether the digest time has come on it. */
export function localDay(now: Date, time: string, timeZone: string): { day: string; due: boolean } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const due = Number(parts.hour) * 60 + Number(parts.minute) >= hour * 60 + minute;
  return { day: `${parts.year}-${parts.month}-${parts.day}`, due };
}

/**
 * Every report reaches someone: non-urgent reports (urgent ones are alerted at once) go to their
 * committee in one daily SMS per member, at DIGEST_TIME in DIGEST_TZ, in the member's language. A place
 * without a committee goes to the nearest one above, as alerts do; a place with none above stays on
 * the coordinators' triage list. A day without reports sends nothing.
 */
export function createDigestService(deps: {
  db: Db;
  outbox: Outbox;
  areas: AreaDirectory;
  content: Content;
  taxonomy: Taxonomy;
  clock: Clock;
  logger: Logger;
  committeeFor: (areaCode: string) => { areaCode: string; members: Contact[] } | null;
  defaultLanguage: Language;
  digestTime: string;
  digestTimeZone: string;
}) {
  const { db, outbox, areas, content, taxonomy, clock, logger } = deps;
  const meta = createGatewayMeta(db, () => clock.now());
  const pending = db.$client.prepare(
    `select id, ref, category, area_code as areaCode from reports
      where urgent = 0 and digested_at is null and area_code is not null and erased_at is null and status in (${OPEN.map(() => '?').join(', ')})
      order by created_at`,
  );
  const markDigested = db.$client.prepare('update reports set digested_at = ? where id = ?');

  const categoryLabel = (id: string | null, language: Language) => (id ? taxonomy.categories.find((c) => c.id === id)?.label[language] : undefined) ?? content.replies.digest_other[language];

  /** One SMS: as many refs and categories as fit one segment, the rest counted ("+4"). */
  function digestText(areaCode: string, reports: PendingReport[], language: Language): string {
    const place = cut(areas.get(areaCode)?.name ?? areaCode, ALERT_PLACE_MAX);
    const byCategory = new Map<string, number>();
    for (const r of reports) byCategory.set(categoryLabel(r.category, language), (byCategory.get(categoryLabel(r.category, language)) ?? 0) + 1);
    const categories = [...byCategory.entries()].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${n} ${label}`);
    const refs = reports.map((r) => r.ref);
    const render = (shownCategories: number, shownRefs: number) =>
      content.replies.digest[language]
        .replace('{area}', place)
        .replace('{count}', String(reports.length))
        .replace('{categories}', categories.slice(0, shownCategories).join(', ') + (shownCategories < categories.length ? ', …' : ''))
        .replace('{refs}', refs.slice(0, shownRefs).join(', ') + (shownRefs < refs.length ? ` +${refs.length - shownRefs}` : ''));
    let shownCategories = categories.length;
    let shownRefs = refs.length;
    let text = render(shownCategories, shownRefs);
    while (measureSms(text).segments > 1 && (shownRefs > 1 || shownCategories > 1)) {
      if (shownRefs > 1) shownRefs -= 1;
      else shownCategories -= 1;
      text = render(shownCategories, shownRefs);
    }
    return text;
  }

  /** Sends every digest that is waiting, now (the scheduler at DIGEST_TIME, or `digests send --now`). */
  function sendPending(): DigestRun {
    return atomically(db, () => {
      const byCommittee = new Map<string, { members: Contact[]; reports: PendingReport[] }>();
      for (const report of pending.all(...OPEN) as PendingReport[]) {
        const committee = deps.committeeFor(report.areaCode);
        if (!committee) continue; // no committee anywhere above: the triage list has it
        const entry = byCommittee.get(committee.areaCode) ?? { members: committee.members, reports: [] };
        entry.reports.push(report);
        byCommittee.set(committee.areaCode, entry);
      }
      const now = clock.now().toISOString();
      let messages = 0;
      let reports = 0;
      for (const [areaCode, { members, reports: list }] of byCommittee) {
        const texts = new Map<Language, string>();
        for (const member of members) {
          const language = (LANGUAGES as readonly string[]).includes(member.language ?? '') ? (member.language as Language) : deps.defaultLanguage;
          if (!texts.has(language)) texts.set(language, digestText(areaCode, list, language));
          outbox.enqueue({ contactId: member.id, text: texts.get(language)!, priority: PRIORITY.notice, essential: true });
          messages += 1;
        }
        for (const report of list) markDigested.run(now, report.id);
        reports += list.length;
      }
      return { committees: byCommittee.size, messages, reports };
    });
  }

  /** Run by the maintenance loop: once a local day, at or after DIGEST_TIME. Returns messages queued. */
  function runDue(): number {
    const { day, due } = localDay(clock.now(), deps.digestTime, deps.digestTimeZone);
    if (!due || meta.get(LAST_DIGEST_DAY) === day) return 0;
    const run = sendPending();
    meta.set(LAST_DIGEST_DAY, day);
    if (run.messages > 0) logger.info({ ...run, day }, 'daily digests queued');
    return run.messages;
  }

  return { sendPending, runDue, digestText };
}

export type DigestService = ReturnType<typeof createDigestService>;
