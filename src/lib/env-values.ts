import { z } from 'zod';

/** An optional environment variable: blank counts as unset. */
export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** A rate in SMS segments per second, with its default and ceiling. */
export const segmentsPerSecond = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);
