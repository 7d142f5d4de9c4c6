import { and, eq, isNotNull } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/area-directory';
import { PRIORITY, type Outbox } from '../outbox/outbox-repository';
import type { Language } from '../config';
import type { Contact } from '../contacts/contact-repository';
import type { Db } from '../db/client';
import { contacts } from '../db/schema';
import type { Content } from '../flows/content';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { ALERT_NAME_MAX, ALERT_PLACE_MAX, cut } from './alert-texts';

const DAY_MS = 86_400_000;

/**
 * Silence watch: monitors are expected to check in (`OK`) every `periodDays`. A monitor who has not
 * gets a reminder; one who still has not after `graceHours` is reported to the chair of the committee
 * responsible for their area. Absence of reports must not look like peace.
 */
export function createSilenceWatch(deps: {
  db: Db;
  areas: AreaDirectory;
  outbox: Outbox;
  content: Content;
  clock: Clock;
  logger: Logger;
  defaultLanguage: Language;
  periodDays: number;
  graceHours: number;
  /** The chairs (or, without a chair, the members) responsible for an area. */
  committeeFor: (areaCode: string) => { areaCode: string; members: Contact[] } | null;
}) {
  const { db, areas, outbox, content, clock, logger, defaultLanguage } = deps;
  const languageOf = (contact: Contact) => (contact.language as Language | null) ?? defaultLanguage;
  const placeOf = (contact: Contact) => cut(areas.get(contact.areaCode ?? '')?.name ?? contact.areaCode ?? '?', ALERT_PLACE_MAX);

  /** A monitor says all is quiet: the watch starts again from now. */
  function checkIn(monitor: Contact): string {
    db.update(contacts)
      .set({ lastCheckInAt: clock.now().toISOString(), checkInReminderAt: null, checkInEscalatedAt: null })
      .where(eq(contacts.id, monitor.id))
      .run();
    return content.replies.check_in_recorded[languageOf(monitor)].replace('{place}', placeOf(monitor));
  }

  /** Run by the scheduler: reminders and chair notices that are due. Returns how many were sent. */
  function runDue(): number {
    const now = clock.now();
    let sent = 0;
    const monitors = db
      .select()
      .from(contacts)
      .where(and(eq(contacts.role, 'monitor'), eq(contacts.kind, 'mobile'), isNotNull(contacts.areaCode)))
      .all();
    for (const monitor of monitors) {
      const since = new Date(monitor.lastCheckInAt ?? monitor.createdAt);
      if (now.getTime() - since.getTime() < deps.periodDays * DAY_MS) continue;
      if (!monitor.checkInReminderAt) {
        if (!monitor.optedOutAt) {
          outbox.enqueue({ contactId: monitor.id, text: content.replies.check_in_reminder[languageOf(monitor)].replace('{place}', placeOf(monitor)), priority: PRIORITY.notice, essential: true });
          sent += 1;
        }
        db.update(contacts).set({ checkInReminderAt: now.toISOString() }).where(eq(contacts.id, monitor.id)).run();
        continue;
      }
      if (monitor.checkInEscalatedAt || now.getTime() - Date.parse(monitor.checkInReminderAt) < deps.graceHours * 3_600_000) continue;
      const committee = deps.committeeFor(monitor.areaCode!);
      const chairs = committee ? committee.members.filter((m) => m.role === 'chair') : [];
      const told = chairs.length > 0 ? chairs : (committee?.members ?? []);
      for (const chair of told) {
        const text = content.replies.check_in_missed[languageOf(chair)]
          .replace('{name}', cut(monitor.name ?? monitor.pseudonym, ALERT_NAME_MAX))
          .replace('{place}', placeOf(monitor))
          .replace('{date}', since.toISOString().slice(0, 10));
        outbox.enqueue({ contactId: chair.id, text, priority: PRIORITY.notice, essential: true });
        sent += 1;
      }
      if (told.length === 0) logger.warn({ monitor: monitor.pseudonym }, 'missed check-in and no committee to tell');
      db.update(contacts).set({ checkInEscalatedAt: now.toISOString() }).where(eq(contacts.id, monitor.id)).run();
    }
    return sent;
  }

  return { checkIn, runDue };
}

export type SilenceWatch = ReturnType<typeof createSilenceWatch>;
