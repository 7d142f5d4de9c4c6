import { z } from 'zod';
import type { Area, AreaDirectory } from '../areas/area-directory';
import { LANGUAGES, type Language } from '../config';
import type { Db } from '../db/client';

export const AUDIENCE_ROLES = ['subscribers', 'monitors', 'members', 'coordinators'] as const;
export type AudienceRole = (typeof AUDIENCE_ROLES)[number];

/**
 * Who a broadcast is for: people in any of `areas` (each with everything below it) who are
 * subscribers, monitors, committee members or coordinators there, and/or who reported from there in
 * the last N days; optionally only some languages. Opted-out people are never in an audience.
 */
export const audienceSchema = z
  .object({
    areas: z.array(z.string().min(1).max(40)).min(1, 'name at least one area').max(50),
    roles: z.array(z.enum(AUDIENCE_ROLES)).min(1).max(AUDIENCE_ROLES.length).optional(),
    languages: z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length).optional(),
    reportedWithinDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
export type Audience = z.output<typeof audienceSchema>;

/** One person a broadcast goes to, and why: the target area they fall in, and their language. */
export interface Recipient {
  contactId: string;
  language: Language;
  target: Area;
  /** What routing needs (channels/routing.ts): the channel they last wrote in on, their number's country. */
  lastChannel: string | null;
  country: string | null;
}

interface ContactRow {
  id: string;
  lastChannel: string | null;
  country: string | null;
  role: string;
  areaCode: string | null;
  language: string | null;
  subscribedArea: string | null;
}

const MEMBER_ROLES: Record<string, AudienceRole> = { monitor: 'monitors', member: 'members', chair: 'members', coordinator: 'coordinators' };

/**
 * Walks an audience in contact-id order, a page at a time, so that a million people never sit in
 * memory together; `after` resumes a walk (the expansion cursor).
 */
export function createAudienceWalker(deps: { db: Db; areas: AreaDirectory; defaultLanguage: Language }) {
  const { db, areas, defaultLanguage } = deps;
  const page = db.$client.prepare(
    `select c.id, c.role, c.area_code as areaCode, c.language, c.last_channel as lastChannel, c.country, s.area_code as subscribedArea
       from contacts c left join subscriptions s on s.contact_id = c.id
      where c.id > @after and c.kind = 'mobile' and c.opted_out_at is null
      order by c.id limit @limit`,
  );
  const recentReports = db.$client.prepare(`select reporter_contact_id as contactId, area_code as areaCode from reports where created_at >= ? and reporter_contact_id is not null and area_code is not null`);

  /** The compiled test for one audience: a pure function of a contact row. */
  function matcher(audience: Audience, now: Date): (row: ContactRow) => Recipient | null {
    const targets = audience.areas.map((code) => areas.get(code)).filter((a): a is Area => !!a);
    const roles = new Set<AudienceRole>(audience.roles ?? (audience.reportedWithinDays ? [] : AUDIENCE_ROLES));
    const languages = audience.languages ? new Set<string>(audience.languages) : null;
    // Recent reporters: a few thousand at most, read once per walk.
    const reportedFrom = new Map<string, string[]>();
    if (audience.reportedWithinDays) {
      const since = new Date(now.getTime() - audience.reportedWithinDays * 86_400_000).toISOString();
      for (const { contactId, areaCode } of recentReports.all(since) as { contactId: string; areaCode: string }[]) {
        reportedFrom.set(contactId, [...(reportedFrom.get(contactId) ?? []), areaCode]);
      }
    }
    const within = (code: string | null, target: Area) => !!code && areas.path(code).some((a) => a.code === target.code);

    return (row) => {
      const language = (row.language ?? defaultLanguage) as Language;
      if (languages && !languages.has(language)) return null;
      const memberRole = MEMBER_ROLES[row.role];
      for (const target of targets) {
        const matches =
          (roles.has('subscribers') && within(row.subscribedArea, target)) ||
          (memberRole !== undefined && roles.has(memberRole) && within(row.areaCode, target)) ||
          (reportedFrom.get(row.id)?.some((code) => within(code, target)) ?? false);
        if (matches) return { contactId: row.id, language, target, lastChannel: row.lastChannel, country: row.country };
      }
      return null;
    };
  }

  /**
   * Calls `onPage` with the recipients of each page of contacts after `after`, and the last contact
   * id the page looked at (where to resume). Stops after `maxPages` pages, or at the end.
   * Returns true when the walk reached the end.
   */
  function walk(audience: Audience, options: { now: Date; after?: string; pageSize?: number; maxPages?: number }, onPage: (recipients: Recipient[], lastId: string) => void): boolean {
    const match = matcher(audience, options.now);
    const limit = options.pageSize ?? 2000;
    let after = options.after ?? '';
    for (let pages = 0; pages < (options.maxPages ?? Infinity); pages++) {
      const rows = page.all({ after, limit }) as ContactRow[];
      if (rows.length === 0) return true;
      after = rows[rows.length - 1]!.id;
      const recipients: Recipient[] = [];
      for (const row of rows) {
        const recipient = match(row);
        if (recipient) recipients.push(recipient);
      }
      onPage(recipients, after);
      if (rows.length < limit) return true;
    }
    return false;
  }

  return { walk };
}

export type AudienceWalker = ReturnType<typeof createAudienceWalker>;
