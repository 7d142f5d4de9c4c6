import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { LANGUAGES, type Language } from '../config';
import { FLOWS_FOLDER } from './content';

/** A text in every shipped language; a missing language is an error, not a fallback. */
export const localized = z.object(Object.fromEntries(LANGUAGES.map((l) => [l, z.string().min(1)])) as Record<Language, z.ZodString>).strict();
export type Localized = z.output<typeof localized>;

const condition = z
  .object({ answer: z.string().min(1), equals: z.string().optional(), in: z.array(z.string()).optional() })
  .strict()
  .refine((c) => (c.equals === undefined) !== (c.in === undefined), 'a condition needs exactly one of equals / in');
export type Condition = z.output<typeof condition>;

const target = z.string().min(1);
const next = z.union([target, z.array(z.object({ if: condition.optional(), goto: target }).strict()).min(1)]);
export type Next = z.output<typeof next>;

export const EFFECTS = ['submit_report', 'lookup_status', 'subscribe', 'unsubscribe', 'set_language', 'discard_draft'] as const;
const effect = z.enum(EFFECTS);
export type EffectName = z.output<typeof effect>;

const base = { text: localized, effect: effect.optional() };

const screen = z.discriminatedUnion('type', [
  z.object({ type: z.literal('menu'), ...base, options: z.array(z.object({ label: localized, next: target, effect: effect.optional() }).strict()).min(1) }).strict(),
  z
    .object({
      type: z.literal('choice'),
      ...base,
      choices: z.union([z.literal('taxonomy'), z.array(z.object({ value: z.string().min(1), label: localized }).strict()).min(1)]),
      save: z.string().min(1),
      next,
    })
    .strict(),
  z.object({ type: z.literal('area'), ...base, save: z.string().min(1), next }).strict(),
  z.object({ type: z.literal('text'), ...base, min: z.number().int().min(0), max: z.number().int().min(1).max(182), save: z.string().min(1), next }).strict(),
  z.object({ type: z.literal('number'), ...base, min: z.number().int(), max: z.number().int(), save: z.string().min(1), next }).strict(),
  z
    .object({
      type: z.literal('confirm'),
      text: localized,
      yes: z.object({ label: localized, next: target, effect: effect.optional() }).strict(),
      no: z.object({ label: localized, next: target, effect: effect.optional() }).strict(),
    })
    .strict(),
  z.object({ type: z.literal('end'), text: localized }).strict(),
]);
export type Screen = z.output<typeof screen>;

const MESSAGE_KEYS = ['more', 'footer', 'invalid_choice', 'too_short', 'too_long', 'not_a_number', 'no_place', 'did_you_mean', 'all_of', 'pick_or_type', 'sorry'] as const;
export type MessageKey = (typeof MESSAGE_KEYS)[number];

export const REPORT_STATUSES = ['new', 'incomplete', 'unparsed', 'verified', 'actioned', 'resolved', 'rejected'] as const;

export const flowSchema = z
  .object({
    start: target,
    resume: target,
    messages: z.object(Object.fromEntries(MESSAGE_KEYS.map((k) => [k, localized])) as Record<MessageKey, typeof localized>).strict(),
    statuses: z.object(Object.fromEntries(REPORT_STATUSES.map((k) => [k, localized])) as Record<(typeof REPORT_STATUSES)[number], typeof localized>).strict(),
    screens: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'screen ids are lower_snake_case'), screen),
  })
  .strict();
export type Flow = z.output<typeof flowSchema>;

/** Per-language word lists that may be empty or absent. */
const cueLists = z
  .object(Object.fromEntries(LANGUAGES.map((l) => [l, z.array(z.string().min(1)).default([])])) as Record<Language, z.ZodDefault<z.ZodArray<z.ZodString>>>)
  .strict()
  .optional();

const taxonomySchema = z
  .object({
    categories: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z][a-z0-9_]*$/),
            label: localized,
            /** How specific the category is: a specific word ("rape", "ballot") outweighs a generic one ("fight"). */
            weight: z.number().positive().max(10).default(1),
            /**
             * Whether a message that says nothing happened ("voting peaceful, no incidents") may hold this
             * category's words and still be an all-clear: yes for what a place is about (an election, land),
             * never for what was done (violence, a threat): "no incidents but the agent was threatened" is a report.
             */
            all_clear: z.boolean().default(false),
            keywords: z.object(Object.fromEntries(LANGUAGES.map((l) => [l, z.array(z.string().min(1))])) as Record<Language, z.ZodArray<z.ZodString>>).strict(),
            /** Words that point to the category without naming it ("church", "girl"): under half its weight each. */
            cues: cueLists,
            /**
             * Cues that say more ("husband", "esposo": a partner beside a threat is gender-based violence):
             * they weigh 75% of the weight each, more than a threat's keyword, less than hate speech's.
             */
            strong_cues: cueLists,
            /**
             * Words that point to the category only when nothing else in the message points anywhere:
             * armed men seen at night, with nothing said of what they did, are a menace (a threat); beside
             * any other category's word they say nothing ("a husband with a gun" is still his wife's report).
             */
            fallback_cues: cueLists,
            /**
             * Categories this one is said about ("hate speech" of a people or a faith): when one of its
             * keywords is found, their words are its subject, not a rival reading ("the pastor preaches
             * that the Luos are cursed" is hate speech, however many group and faith words it holds).
             */
            prevails_over: z.array(z.string()).default([]),
          })
          .strict(),
      )
      .min(1),
  })
  .strict()
  .superRefine((taxonomy, context) => {
    const ids = new Set(taxonomy.categories.map((c) => c.id));
    taxonomy.categories.forEach((category, index) => {
      for (const other of category.prevails_over) {
        if (!ids.has(other) || other === category.id) {
          context.addIssue({ code: 'custom', path: ['categories', index, 'prevails_over'], message: `"${other}" is no other category` });
        }
      }
    });
  });
export type Taxonomy = z.output<typeof taxonomySchema>;
export type Category = Taxonomy['categories'][number];

export class FlowFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FlowFileError';
  }
}

function parseFile<T extends z.ZodType>(path: string, schema: T): z.output<T> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new FlowFileError(path, [(error as Error).message]);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new FlowFileError(path, result.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`));
  return result.data;
}

export function loadFlow(folder: string = FLOWS_FOLDER): Flow {
  return parseFile(join(folder, 'ussd.yaml'), flowSchema);
}

export function loadTaxonomy(folder: string = FLOWS_FOLDER): Taxonomy {
  return parseFile(join(folder, 'taxonomy.yaml'), taxonomySchema);
}

/** Every screen id a screen can lead to. */
export function targetsOf(s: Screen): string[] {
  const fromNext = (n: Next) => (typeof n === 'string' ? [n] : n.map((b) => b.goto));
  switch (s.type) {
    case 'menu':
      return s.options.map((o) => o.next);
    case 'confirm':
      return [s.yes.next, s.no.next];
    case 'end':
      return [];
    default:
      return fromNext(s.next);
  }
}

const alertRulesSchema = z
  .object({
    clusters: z.array(
      z
        .object({
          name: z.string().regex(/^[a-z][a-z0-9_]*$/),
          categories: z.array(z.string().min(1)).min(1),
          reports: z.number().int().min(2).max(1000),
          within_hours: z.number().int().min(1).max(24 * 30),
          escalate_after_minutes: z.number().int().min(1).max(24 * 60),
        })
        .strict(),
    ),
  })
  .strict();
export type AlertRules = z.output<typeof alertRulesSchema>;
export type ClusterRule = AlertRules['clusters'][number];

export function loadAlertRules(folder: string = FLOWS_FOLDER): AlertRules {
  return parseFile(join(folder, 'alert-rules.yaml'), alertRulesSchema);
}
