import { atomically } from '../../src/db/client';
import type { Gateway } from '../../src/gateway';

/** A Kenyan mobile number for person `i` of a seeded crowd (valid for libphonenumber-js). */
export const crowdNumber = (i: number, prefix = '71') => `+254${prefix}${String(i).padStart(7, '0')}`;

/**
 * Adds `count` people at once (committee members by default) in one area: the crowd that big
 * broadcasts go to. Contacts are made the way first contact makes them (encrypted number, keyed hash).
 */
export function seedPeople(gateway: Gateway, count: number, options: { areaCode: string; role?: string; language?: string; prefix?: string }): void {
  const update = gateway.db.$client.prepare('update contacts set role = ?, area_code = ?, language = ? where id = ?');
  atomically(gateway.db, () => {
    for (let i = 0; i < count; i++) {
      const { contact } = gateway.services.contacts.findOrCreate({ kind: 'mobile', value: crowdNumber(i, options.prefix) });
      update.run(options.role ?? 'member', options.areaCode, options.language ?? null, contact.id);
    }
  });
}
