import type { z } from 'zod';

/** What a channel's own check of its settings is given (config.ts calls it for every channel). */
export interface SettingsCheck {
  /** Every variable, parsed. */
  env: Record<string, unknown>;
  /** The channels this gateway sends through (SMS_CHANNELS, or SMS_PROVIDER). */
  sending: readonly string[];
  production: boolean;
  /** The variable must be set; `why` completes "is required …". */
  need(key: string, why: string): void;
  /** The variable's value is not acceptable. */
  refuse(key: string, message: string): void;
}

/**
 * A channel's part of the configuration: its environment variables (a zod shape, merged into the
 * gateway's schema by config.ts) and the checks that only it knows (credentials that come in pairs,
 * what production demands). Its types reach `Config` by declaration merging, in the same file.
 */
export interface ChannelSettingsSpec<Shape extends z.ZodRawShape = z.ZodRawShape> {
  shape: Shape;
  check?(settings: SettingsCheck): void;
}
