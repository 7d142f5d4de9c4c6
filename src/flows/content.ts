import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../config';

/** The product's content (keywords, reply texts) lives in flows/ as YAML, checked at start. */
export const FLOWS_FOLDER = resolve(__dirname, '../../flows');

const perLanguage = <T extends z.ZodType>(value: T) =>
  z.object(Object.fromEntries(LANGUAGES.map((language) => [language, value])) as Record<Language, T>).strict();

const words = perLanguage(z.array(z.string().min(1)).min(1));
const keywordsSchema = z
  .object({
    opt_out: words,
    opt_in: words,
    report: words,
    help: words,
    status: words,
    language: words,
    join: words,
    leave: words,
    ack: words,
    verify: words,
    resolve: words,
    false: words,
    check_in: words,
    broadcast: words,
    confirm: words,
    urgent: words,
    not_urgent: words,
    // Optional, as lists added later are: a deployment's own keywords.yaml from before keeps loading.
    nobody_hurt: perLanguage(z.array(z.string().min(1)).default([])).prefault({}),
    thanks: words,
    no_incident: words,
    shorthand: perLanguage(z.array(z.string().regex(/^[^=]+=[^=]+$/, 'written "short = full"')).default([])),
    stop_words: words,
    not_typos: perLanguage(z.array(z.string().min(1)).default([])),
  })
  .strict();

const REPLY_KEYS = [
  'opted_out',
  'opted_out_duty',
  'opted_in',
  'help',
  'report_receipt',
  'report_receipt_urgent',
  'report_receipt_triage',
  'report_receipts',
  'ask_place',
  'ask_place_choices',
  'ask_category',
  'report_completed',
  'status_reply',
  'status_unknown',
  'status_limited',
  'language_set',
  'language_usage',
  'joined',
  'join_unknown',
  'left',
  'acknowledged',
  'status_changed',
  'resolved_for_reporter',
  'alert_urgent',
  'alert_taken',
  'alert_cluster',
  'check_in_recorded',
  'check_in_reminder',
  'check_in_missed',
  'digest',
  'digest_other',
  'broadcast_preview',
  'broadcast_sending',
  'broadcast_no_pending',
  'broadcast_expired',
  'broadcast_locked',
  'broadcast_usage',
  'broadcast_not_allowed',
  'broadcast_empty',
] as const;
export type ReplyKey = (typeof REPLY_KEYS)[number];
const repliesSchema = z.object(Object.fromEntries(REPLY_KEYS.map((key) => [key, perLanguage(z.string().min(1))])) as Record<ReplyKey, ReturnType<typeof perLanguage<z.ZodString>>>);

export type Keywords = z.output<typeof keywordsSchema>;
export type Replies = Record<ReplyKey, Record<Language, string>>;

export interface Content {
  keywords: Keywords;
  replies: Replies;
}

function loadYaml<T extends z.ZodType>(folder: string, file: string, schema: T): z.output<T> {
  const path = join(folder, file);
  const result = schema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`${path} is invalid: ${problems}`);
  }
  return result.data;
}

export function loadContent(folder: string = FLOWS_FOLDER): Content {
  return {
    keywords: loadYaml(folder, 'keywords.yaml', keywordsSchema),
    replies: loadYaml(folder, 'replies.yaml', repliesSchema) as Replies,
  };
}
