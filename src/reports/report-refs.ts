import { unambiguousCode } from '../lib/ids';

/** `K7Q2M`: five characters from the keypad-safe alphabet (no 0/O, 1/I/L, U/V): 20 million refs. */
export const REF_LENGTH = 5;
export const REF_PATTERN = /^[2-9A-HJKMNP-TW-Z]{5}$/;

export function newRef(): string {
  return unambiguousCode(REF_LENGTH);
}

/** What people type ("k7q2m", "K7Q 2M", "k7q-2m") as the stored ref. */
export function normalizeRef(typed: string): string {
  return typed.toUpperCase().replace(/[\s.-]/g, '');
}
