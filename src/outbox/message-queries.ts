import { and, desc, eq, gt, inArray } from 'drizzle-orm';
import type { Contact } from '../contacts/contact-repository';
import type { PhoneVault } from '../contacts/phone-vault';
import type { Db } from '../db/client';
import { contacts, messages } from '../db/schema';

export interface MessageView {
  id: string;
  direction: 'in' | 'out';
  channel: 'sms' | 'ussd';
  /** The provider that carried it (in) or carries it (out): routing shows here. */
  provider: string;
  contact: string;
  text: string;
  status: string;
  segments: number | null;
  createdAt: string;
}

/** Read side of the messages table, texts decrypted for the people allowed to see them. */
export function createMessageQueries(deps: { db: Db; vault: PhoneVault }) {
  const { db, vault } = deps;

  function toView(row: typeof messages.$inferSelect, contact: Pick<Contact, 'pseudonym' | 'phoneEnc'>, reveal: boolean): MessageView {
    return {
      id: row.id,
      direction: row.direction,
      channel: row.channel,
      provider: row.provider,
      contact: reveal ? vault.decrypt(contact.phoneEnc) : contact.pseudonym,
      text: vault.decrypt(row.textEnc),
      status: row.status,
      segments: row.segments,
      createdAt: row.createdAt,
    };
  }

  /** `areaCodes`: only messages of people placed in these areas; null or unset: everyone's. */
  function listRecent(options: { direction?: 'in' | 'out'; limit: number; reveal: boolean; areaCodes?: string[] | null }): MessageView[] {
    const area = options.areaCodes ? inArray(contacts.areaCode, options.areaCodes.length ? options.areaCodes : ['-']) : undefined;
    return db
      .select({ message: messages, contact: { pseudonym: contacts.pseudonym, phoneEnc: contacts.phoneEnc } })
      .from(messages)
      .innerJoin(contacts, eq(contacts.id, messages.contactId))
      .where(and(options.direction ? eq(messages.direction, options.direction) : undefined, area))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(options.limit)
      .all()
      .map((row) => toView(row.message, row.contact, options.reveal));
  }

  /** Outbound messages to one contact after a moment (the console provider's inbox view). */
  function listOutboundTo(contactId: string, after: string): MessageView[] {
    return db
      .select({ message: messages, contact: { pseudonym: contacts.pseudonym, phoneEnc: contacts.phoneEnc } })
      .from(messages)
      .innerJoin(contacts, eq(contacts.id, messages.contactId))
      .where(and(eq(messages.contactId, contactId), eq(messages.direction, 'out'), gt(messages.createdAt, after)))
      .orderBy(messages.createdAt)
      .all()
      .map((row) => toView(row.message, row.contact, false));
  }

  return { listRecent, listOutboundTo };
}

export type MessageQueries = ReturnType<typeof createMessageQueries>;
