import { existsSync } from 'node:fs';
import { z } from 'zod';
import { CHANNEL_MODULES } from './channels/registry';
import { optionalText } from './lib/env-values';

/** Languages the gateway ships texts for. */
export const LANGUAGES = ['en', 'sw', 'ru', 'ky', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The channels, and each one's settings, come from the channel folders (src/channels/registry.ts):
 * each folder's settings.ts adds its name to ChannelNames and its variables to ChannelSettings
 * (declaration merging), and its zod shape and checks to the schema below.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChannelNames {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ChannelSettings {}
export type ChannelName = Extract<keyof ChannelNames, string>;
/** The SMS channels the gateway can send through, in registry order. */
export const CHANNEL_NAMES: readonly ChannelName[] = CHANNEL_MODULES.map((m) => m.name);

const channelName = z
  .string()
  .trim()
  .refine((value) => (CHANNEL_NAMES as readonly string[]).includes(value), { message: `must be one of ${CHANNEL_NAMES.join(', ')}` })
  .transform((value) => value as ChannelName);
/** Every channel's own variables (their types reach Config through ChannelSettings). */
const channelShapes: z.ZodRawShape = Object.assign({}, ...CHANNEL_MODULES.map((m) => m.settings.shape));

const port = z.coerce.number().int().min(0).max(65535);

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: port.default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_PATH: z.string().min(1).default('./data/gateway.db'),
    SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
    DEFAULT_COUNTRY: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO country code')
      .transform((value) => value.toUpperCase())
      .default('KE'),
    DEFAULT_LANGUAGE: z.enum(LANGUAGES).default('en'),
    SMS_PROVIDER: channelName.default('console' as ChannelName),
    /** Several channels at once ("africastalking,twilio"); SMS_PROVIDER is the one-channel form. */
    SMS_CHANNELS: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() ? value.split(',').map((c) => c.trim()).filter(Boolean) : undefined),
      z.array(channelName).min(1).optional(),
    ),
    /** Outbound routing by the number's country, first match wins: "KE:africastalking,KG:twilio,*:console". */
    SMS_ROUTES: z.preprocess(
      (value) =>
        typeof value === 'string' && value.trim()
          ? value.split(',').map((rule) => {
              const [country, channel] = rule.split(':').map((part) => part.trim());
              return { country: (country ?? '').toUpperCase(), channel };
            })
          : undefined,
      z.array(z.object({ country: z.string().regex(/^([A-Z]{2}|\*)$/, 'a two-letter country code or *'), channel: channelName })).optional(),
    ),
    PHONE_KEY: optionalText,
    /** Read only by `keys rotate`. */
    PHONE_KEY_NEW: optionalText,
    BOOTSTRAP_ADMIN_TOKEN: optionalText,
    METRICS_TOKEN: optionalText,
    URGENT_PER_SENDER: z.coerce.number().int().min(1).max(1000).default(3),
    URGENT_WINDOW_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
    STATUS_LOOKUPS_PER_HOUR: z.coerce.number().int().min(1).max(1000).default(10),
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 64kb').default('64kb'),
    FLOWS_DIR: optionalText,
    ALERT_ESCALATE_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
    CHECK_IN_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    CHECK_IN_GRACE_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(24),
    SMS_REPLY_LIMIT: z.coerce.number().int().min(1).max(1000).default(8),
    SMS_CONVERSATION_MINUTES: z.coerce.number().int().min(1).max(10080).default(60),
    DISPATCH_INTERVAL_MS: z.coerce.number().int().min(10).max(60000).default(250),
    SMS_PRICE_PER_SEGMENT: z.coerce.number().min(0).max(1000).default(0.8),
    DIGEST_TIME: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time such as 18:00')
      .default('18:00'),
    DIGEST_TZ: z.preprocess(
      (value) => (typeof value === 'string' && value.trim() ? value.trim() : Intl.DateTimeFormat().resolvedOptions().timeZone),
      z.string().refine((zone) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Africa/Nairobi'),
    ),
    RETENTION_DAYS: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(36500).optional()),
    SEND_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    SEND_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(86400).default(600),
    BROADCAST_EXPIRY_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(48),
    SMS_PRICE_CURRENCY: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as KES').default('KES'),
    /** Tiles for the dashboard's map ({z}/{x}/{y}); unset, the map needs no other host. */
    MAP_TILES_URL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .url()
        .refine((url) => /^https?:\/\//.test(url) && url.includes('{z}') && url.includes('{x}') && url.includes('{y}'), 'must be an http(s) URL with {z}, {x} and {y}')
        .optional(),
    ),
    DASHBOARD_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    /**
     * deferred: under a burst the webhooks answer at the speed of storing and reading follows (issue
     * #17); immediate: every stored message is read in the turn its 200 left, whatever the load.
     */
    INBOUND_READING: z.enum(['deferred', 'immediate']).default('deferred'),
    ...(channelShapes as Record<never, never>),
  })
  .superRefine((env, ctx) => {
    const need = (key: keyof typeof env, why: string) => {
      if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `is required ${why}` });
    };
    const channels = env.SMS_CHANNELS ?? [env.SMS_PROVIDER];
    for (const route of env.SMS_ROUTES ?? []) {
      if (!channels.includes(route.channel)) ctx.addIssue({ code: 'custom', path: ['SMS_ROUTES'], message: `routes to ${route.channel}, which is not in SMS_CHANNELS (${channels.join(',')})` });
    }
    // Each channel checks its own settings (credentials in pairs, what production demands of it).
    for (const channel of CHANNEL_MODULES) {
      channel.settings.check?.({
        env: env as Record<string, unknown>,
        sending: channels,
        production: env.NODE_ENV === 'production',
        need: (key, why) => need(key as keyof typeof env, why),
        refuse: (key, message) => ctx.addIssue({ code: 'custom', path: [key], message }),
      });
    }
    if (env.PHONE_KEY_NEW && Buffer.from(env.PHONE_KEY_NEW, 'base64').length !== 32) {
      ctx.addIssue({ code: 'custom', path: ['PHONE_KEY_NEW'], message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)' });
    }
    if (env.PHONE_KEY && Buffer.from(env.PHONE_KEY, 'base64').length !== 32) {
      ctx.addIssue({ code: 'custom', path: ['PHONE_KEY'], message: 'must be 32 bytes, base64-encoded (openssl rand -base64 32)' });
    }
    if (env.NODE_ENV === 'production') {
      const refuse = (key: keyof typeof env, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
      need('PHONE_KEY', 'when NODE_ENV=production');
      const weak = env.PHONE_KEY ? weakKeyReason(env.PHONE_KEY) : null;
      if (weak) refuse('PHONE_KEY', `is weak: ${weak} (openssl rand -base64 32)`);
      if (channels.includes('console')) refuse(env.SMS_CHANNELS ? 'SMS_CHANNELS' : 'SMS_PROVIDER', 'must not be console when NODE_ENV=production');
      if (!env.PUBLIC_URL.startsWith('https://')) refuse('PUBLIC_URL', 'must be https when NODE_ENV=production (providers send numbers and texts to it)');
    }
    if (env.BOOTSTRAP_ADMIN_TOKEN && env.BOOTSTRAP_ADMIN_TOKEN.length < 16) {
      ctx.addIssue({ code: 'custom', path: ['BOOTSTRAP_ADMIN_TOKEN'], message: 'must be at least 16 characters' });
    }
  });

/** The fixed key used when PHONE_KEY is unset (development and tests only). */
export const DEVELOPMENT_PHONE_KEY = 'cGVhY2UtZ2F0ZXdheS1kZXZlbG9wbWVudC1rZXktMDE=';

/** Why a PHONE_KEY must not guard real reporters, or null when it looks like a random 32-byte key. */
export function weakKeyReason(keyBase64: string): string | null {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) return 'not 32 bytes';
  if (key.equals(Buffer.from(DEVELOPMENT_PHONE_KEY, 'base64'))) return 'it is the built-in development key';
  // 32 random bytes have ~30 distinct values; a key typed by hand or repeated has far fewer.
  if (new Set(key).size < 16) return 'too few distinct bytes (repeated or typed by hand)';
  return null;
}

/** Every variable the gateway reads (for checking that .env.example documents them all). */
export const CONFIG_KEYS = Object.keys(envSchema.shape);

export type Config = Readonly<z.output<typeof envSchema>> & Readonly<ChannelSettings> & {
  /** True when PHONE_KEY was absent and the fixed development key is in use. */
  readonly usingDevelopmentPhoneKey: boolean;
  /** SMS_CHANNELS, or [SMS_PROVIDER]: every channel this gateway sends through, the first the default. */
  readonly channels: readonly ChannelName[];
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * The gateway will not run as things are (another key than the database's, another gateway on the
 * same database, a database it cannot write): one clear line and an exit code for the service manager.
 */
export class RefusalError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'RefusalError';
  }
}

/** Exit codes (sysexits.h): what a service manager or operator can tell apart. */
export const EXIT = { config: 78, tempFail: 75, ioError: 74, cantCreate: 73 } as const;

/** Parses the environment once; a bad value throws a ConfigError that names each variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`));
  }
  return Object.freeze({ ...(result.data as z.output<typeof envSchema> & ChannelSettings), usingDevelopmentPhoneKey: !result.data.PHONE_KEY, channels: Object.freeze(result.data.SMS_CHANNELS ?? [result.data.SMS_PROVIDER]) });
}

/**
 * Reads `.env` from the working folder into process.env when the file exists. Variables already set
 * in the environment win, so a deployment can override the file.
 */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
