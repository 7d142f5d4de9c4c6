import { createHash, randomBytes, randomUUID } from 'node:crypto';

/**
 * Letters and digits that cannot be confused on a keypad or over a phone line: no 0/O, no 1/I/L,
 * no U/V. Used for report refs, pseudonyms and confirmation codes.
 */
export const UNAMBIGUOUS_ALPHABET = '23456789ABCDEFGHJKMNPQRSTWXYZ';

let lastMs = 0;
let sequence = 0;

/**
 * A UUIDv7: the first 48 bits are the time in milliseconds and the next 12 a counter within the
 * millisecond, so ids made by this process sort in the order they were made. Time-ordered keys are
 * appended at the end of SQLite's B-trees instead of landing on random pages, which keeps every
 * insert's write small, and "newest first" can break ties by id.
 */
export function newId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  const time = lastMs.toString(16).padStart(12, '0').slice(-12);
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}${random.slice(18)}`;
}

// Random bytes are drawn 4 KB at a time: one system call for hundreds of codes.
let pool = Buffer.alloc(0);
let poolOffset = 0;
function randomFromPool(length: number): Buffer {
  if (poolOffset + length > pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  poolOffset += length;
  return pool.subarray(poolOffset - length, poolOffset);
}

/** `length` characters from the unambiguous alphabet, drawn from the given bytes (or random ones). */
export function unambiguousCode(length: number, source: Buffer = randomFromPool(length)): string {
  if (source.length < length) throw new Error('not enough bytes for the code');
  let out = '';
  for (let i = 0; i < length; i++) out += UNAMBIGUOUS_ALPHABET[source[i]! % UNAMBIGUOUS_ALPHABET.length];
  return out;
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
