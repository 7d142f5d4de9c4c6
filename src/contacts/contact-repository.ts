import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Language } from '../config';
import type { Db } from '../db/client';
import { contacts } from '../db/schema';
import type { Clock } from '../lib/clock';
import { newId } from '../lib/ids';
import type { Address } from './phone-number';
import type { PhoneVault } from './phone-vault';

export type Contact = typeof contacts.$inferSelect;

export function createContactRepository(deps: { db: Db; vault: PhoneVault; clock: Clock }) {
  const { db, vault, clock } = deps;
  // Prepared once: these run on every inbound message.
  const byPhoneHash = db.select().from(contacts).where(eq(contacts.phoneHash, sql.placeholder('phoneHash'))).prepare();
  const insertContact = db
    .insert(contacts)
    .values({
      id: sql.placeholder('id'),
      phoneHash: sql.placeholder('phoneHash'),
      phoneEnc: sql.placeholder('phoneEnc'),
      kind: sql.placeholder('kind'),
      pseudonym: sql.placeholder('pseudonym'),
      country: sql.placeholder('country'),
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .returning()
    .prepare();
  const pseudonymTaken = db.select({ id: contacts.id }).from(contacts).where(eq(contacts.pseudonym, sql.placeholder('pseudonym'))).prepare();

  /** Finds the contact for an address, creating it on first contact. Call inside a transaction. */
  function findOrCreate(address: Address): { contact: Contact; created: boolean } {
    const phoneHash = vault.lookupHash(address.value);
    const existing = byPhoneHash.get({ phoneHash });
    if (existing) return { contact: existing, created: false };
    const now = clock.now().toISOString();
    let pseudonym = vault.pseudonym(address.value);
    for (let attempt = 1; pseudonymTaken.get({ pseudonym }); attempt++) {
      pseudonym = vault.pseudonym(address.value, attempt);
    }
    const country = address.kind === 'mobile' ? (address.country ?? null) : null;
    const contact = insertContact.get({ id: newId(), phoneHash, phoneEnc: vault.encrypt(address.value), kind: address.kind, pseudonym, country, now })!;
    return { contact, created: true };
  }

  const byId = db.select().from(contacts).where(eq(contacts.id, sql.placeholder('id'))).prepare();
  function findById(id: string): Contact | undefined {
    return byId.get({ id });
  }

  function findByAddress(address: Address): Contact | undefined {
    return byPhoneHash.get({ phoneHash: vault.lookupHash(address.value) });
  }

  function findByPseudonym(pseudonym: string): Contact | undefined {
    return db.select().from(contacts).where(eq(contacts.pseudonym, pseudonym)).get();
  }

  const noteChannelStatement = db.$client.prepare('update contacts set last_channel = ? where id = ? and last_channel is not ?');
  /** The channel someone wrote in on: later messages to them go back the same way (routing.ts). */
  function noteChannel(id: string, channel: string): void {
    noteChannelStatement.run(channel, id, channel);
  }

  function setOptedOut(id: string, optedOut: boolean): void {
    const now = clock.now().toISOString();
    db.update(contacts)
      .set({ optedOutAt: optedOut ? now : null, updatedAt: now })
      .where(eq(contacts.id, id))
      .run();
  }

  function setLanguage(id: string, language: Language): void {
    db.update(contacts).set({ language, updatedAt: clock.now().toISOString() }).where(eq(contacts.id, id)).run();
  }

  function revealPhone(contact: Contact): string {
    return vault.decrypt(contact.phoneEnc);
  }

  /**
   * People with a duty (monitors, committee members and chairs, coordinators) placed within
   * `areaCodes` (null: everywhere), by area then name. Reporters are never listed.
   */
  function listWithDuty(areaCodes: string[] | null): Contact[] {
    return db
      .select()
      .from(contacts)
      .where(and(inArray(contacts.role, ['monitor', 'member', 'chair', 'coordinator']), ne(contacts.phoneEnc, ''), areaCodes ? inArray(contacts.areaCode, areaCodes.length ? areaCodes : ['-']) : undefined))
      .orderBy(asc(contacts.areaCode), asc(contacts.name), asc(contacts.pseudonym))
      .all();
  }

  /** Takes a person's duty away: they stay known (and may still report), with no role or area. */
  function removeDuty(id: string): void {
    db.update(contacts).set({ role: 'reporter', areaCode: null, updatedAt: clock.now().toISOString() }).where(eq(contacts.id, id)).run();
  }

  return { findOrCreate, findById, findByAddress, findByPseudonym, noteChannel, setOptedOut, setLanguage, revealPhone, listWithDuty, removeDuty };
}

export type ContactRepository = ReturnType<typeof createContactRepository>;
