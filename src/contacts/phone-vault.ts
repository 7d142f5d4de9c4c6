import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { unambiguousCode } from '../lib/ids';
import { DEVELOPMENT_PHONE_KEY } from '../config';

/**
 * Fixed key used only when PHONE_KEY is not configured (development and tests). Production refuses
 * to start without PHONE_KEY, so data encrypted with this key never holds real reporters.
 */
const DEVELOPMENT_KEY = Buffer.from(DEVELOPMENT_PHONE_KEY, 'base64');

/**
 * Encryption at rest for phone numbers and message texts (AES-256-GCM), keyed look-up hashes
 * (HMAC-SHA256) and stable pseudonyms. Separate sub-keys are derived for each purpose so that a hash
 * or pseudonym never reveals anything about the ciphertexts.
 */
export function createPhoneVault(phoneKeyBase64?: string) {
  const master = phoneKeyBase64 ? Buffer.from(phoneKeyBase64, 'base64') : DEVELOPMENT_KEY;
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), purpose, 32));
  const encryptionKey = derive('peace-gateway/encrypt');
  const lookupKey = derive('peace-gateway/lookup');
  const pseudonymKey = derive('peace-gateway/pseudonym');
  const fingerprintKey = derive('peace-gateway/fingerprint');

  const hmac = (key: Buffer, value: string) => createHmac('sha256', key).update(value).digest();

  // IVs are drawn from a pool of random bytes: one getrandom call per 340 encryptions, not per encryption.
  let pool = randomBytes(4096);
  let offset = 0;
  function nextIv(): Buffer {
    if (offset + 12 > pool.length) {
      pool = randomBytes(4096);
      offset = 0;
    }
    const iv = pool.subarray(offset, offset + 12);
    offset += 12;
    return iv;
  }

  return {
    /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts; a fresh IV every time. */
    encrypt(plain: string): string {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv, cipher.getAuthTag(), body].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
    },
    /** '' is a value erased on request or purged by retention: it reads as ''. */
    decrypt(sealed: string): string {
      if (sealed === '') return '';
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) throw new Error('not a sealed value');
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    /** Deterministic keyed hash: the only way numbers (and, for dedupe, texts) are looked up. */
    lookupHash(value: string): string {
      return hmac(lookupKey, value).toString('hex');
    },
    /**
     * Identifies the key without revealing it (an HMAC under its own derived sub-key): what the
     * database remembers, so that a start with another key is refused instead of corrupting data.
     */
    fingerprint(): string {
      return hmac(fingerprintKey, 'peace-gateway key fingerprint').toString('hex').slice(0, 32);
    },
    /** `C-7F3K2`: stable for a number, unguessable without the key. `attempt` lengthens it on a clash. */
    pseudonym(value: string, attempt = 0): string {
      return `C-${unambiguousCode(5 + attempt, hmac(pseudonymKey, value))}`;
    },
  };
}

export type PhoneVault = ReturnType<typeof createPhoneVault>;
