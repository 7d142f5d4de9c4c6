import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { subscriptions } from '../db/schema';
import type { Clock } from '../lib/clock';
import type { ContactRepository } from './contact-repository';

/** Who gets peace messages for which area (one area per person). */
export function createSubscriptions(deps: { db: Db; clock: Clock; contacts: ContactRepository }) {
  const { db, clock, contacts } = deps;
  return {
    /** Asking for peace messages is consent: it also lifts an earlier opt-out. */
    subscribe(contactId: string, areaCode: string): void {
      db.insert(subscriptions)
        .values({ contactId, areaCode, createdAt: clock.now().toISOString() })
        .onConflictDoUpdate({ target: subscriptions.contactId, set: { areaCode } })
        .run();
      const contact = contacts.findById(contactId);
      if (contact?.optedOutAt) contacts.setOptedOut(contactId, false);
    },
    unsubscribe(contactId: string): void {
      db.delete(subscriptions).where(eq(subscriptions.contactId, contactId)).run();
    },
  };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
