import { EXIT, RefusalError } from '../config';
import type { PhoneVault } from '../contacts/phone-vault';
import type { Db } from '../db/client';
import { createGatewayMeta, META } from './gateway-meta';

export const KEY_MISMATCH = 'PHONE_KEY does not match the key this database was created with';

/**
 * Refuses to open a database with another key than the one its data is sealed with: otherwise known
 * people become strangers, every text is unreadable and every send fails. The database remembers the
 * key's fingerprint (never the key). A database from before the guard is checked against its data
 * once, then remembers the key that opened it.
 */
export function guardKey(db: Db, vault: PhoneVault): void {
  const meta = createGatewayMeta(db);
  if (meta.get(META.keyRotation)) {
    throw new RefusalError('A PHONE_KEY rotation was started and not finished: run `npm run cli -- keys rotate` again with the same PHONE_KEY and PHONE_KEY_NEW to finish it.', EXIT.config);
  }
  const remembered = meta.get(META.keyFingerprint);
  if (remembered) {
    if (remembered !== vault.fingerprint()) throw new RefusalError(`${KEY_MISMATCH}. Start with that key, or change keys with \`npm run cli -- keys rotate\` (see README, "Data protection").`, EXIT.config);
    return;
  }
  const sample = db.$client.prepare('select phone_enc from contacts where phone_enc != \'\' limit 1').pluck().get() as string | undefined;
  if (sample !== undefined) {
    try {
      vault.decrypt(sample);
    } catch {
      throw new RefusalError(`${KEY_MISMATCH} (its data cannot be decrypted with it). Start with that key, or change keys with \`npm run cli -- keys rotate\`.`, EXIT.config);
    }
  }
  meta.set(META.keyFingerprint, vault.fingerprint());
}
