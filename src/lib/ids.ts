import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Letters and digits that cannot be confused on a keypad or over a phone line: no 0/O, no 1/I/L,
 * no U/V. Used for report refs, pseudonyms and confirmation codes.
 */
export const UNAMBIGUOUS_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

export function newId(): string {
  return randomUUID();
}

/** `length` characters from the unambiguous alphabet, drawn from the given bytes (or random ones). */
export function unambiguousCode(length: number, source: Buffer = randomBytes(length)): string {
  if (source.length < length) throw new Error('not enough bytes for the code');
  let out = '';
  for (let i = 0; i < length; i++) out += UNAMBIGUOUS_ALPHABET[source[i]! % UNAMBIGUOUS_ALPHABET.length];
  return out;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
