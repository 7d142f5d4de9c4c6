import type { Area, AreaDirectory, AreaMatch } from '../areas/area-directory';
import { measureSms } from '../outbox/segments';
import { LANGUAGES } from '../config';
import { loadContent, FLOWS_FOLDER, type Keywords } from './content';
import { foldForMatching } from '../areas/text-match';
import { AREA_NAME_MAX, render, type EngineContext, type FlowState } from './flow-engine';
import { FlowFileError, loadAlertRules, loadFlow, loadTaxonomy, targetsOf, type Flow, type MessageKey, type Screen, type Taxonomy } from './flow-schema';
import { ussdScreenSize } from './screen-budget';
import { ALERT_NAME_MAX, ALERT_PLACE_MAX } from './text-limits';

const SPECIAL_TARGETS = new Set(['@main', '@resume']);
/** Answers that effects produce rather than screens. */
const EFFECT_OUTPUTS = new Set(['ref', 'status']);

/**
 * A stand-in area tree of the longest names a screen may show (names are cut to AREA_NAME_MAX), deep
 * and wide enough to need every kind of page.
 */
function longestAreas(): AreaDirectory {
  const name = (i: number) => `${'W'.repeat(AREA_NAME_MAX - 2)}${String(i).padStart(2, '0')}`;
  const make = (code: string, parentCode: string | null): Area => ({ code, name: name(Number(code.slice(-2)) || 0), parentCode, level: 'x', aliases: [], lat: null, lon: null });
  const all = new Map<string, Area>();
  const root = make('R-00', null);
  all.set(root.code, root);
  for (let i = 1; i <= 12; i++) {
    const child = make(`R-${String(i).padStart(2, '0')}`, root.code);
    all.set(child.code, child);
    for (let j = 1; j <= 12; j++) {
      const grandchild = make(`${child.code}-${String(j).padStart(2, '0')}`, child.code);
      all.set(grandchild.code, grandchild);
    }
  }
  const childrenOf = (code: string | null) => [...all.values()].filter((a) => a.parentCode === (code ?? root.code));
  const search = (): AreaMatch[] => [...all.values()].filter((a) => a.code.length > 5).slice(0, 5).map((area) => ({ area, score: 1, matched: area.name }));
  return {
    reload: () => undefined,
    refreshIfChanged: () => undefined,
    get: (code: string) => all.get(code),
    childrenOf,
    path: () => [],
    isWithin: () => false,
    searchByKey: (): Area[] => [],
    subtreeCodes: (code: string) => [code],
    all: () => [...all.values()],
    search,
    searchFolded: search,
    rootFor: () => root.code,
    size: () => all.size,
  };
}

/** The longest value each answer can hold in this language, so that placeholders are measured at their worst. */
function longestAnswers(flow: Flow, taxonomy: Taxonomy, language: (typeof LANGUAGES)[number]): Record<string, string> {
  const answers: Record<string, string> = { ref: 'WWWWW' };
  const longest = (values: { value: string; label: string }[]) => values.reduce((a, b) => (b.label.length > a.label.length ? b : a)).value;
  for (const screen of Object.values(flow.screens)) {
    if (!('save' in screen)) continue;
    if (screen.type === 'choice') {
      const choices = screen.choices === 'taxonomy' ? taxonomy.categories.map((c) => ({ value: c.id, label: c.label[language] })) : screen.choices.map((c) => ({ value: c.value, label: c.label[language] }));
      answers[screen.save] = longest(choices);
    } else if (screen.type === 'area') answers[screen.save] = 'R-12';
    else if (screen.type === 'text') answers[screen.save] = 'W'.repeat(screen.max);
    else if (screen.type === 'number') answers[screen.save] = String(screen.max);
  }
  answers.status = longest(Object.entries(flow.statuses).map(([value, label]) => ({ value, label: label[language] })));
  return answers;
}

function errorsFor(screen: Screen): (MessageKey | null)[] {
  switch (screen.type) {
    case 'text':
      return [null, 'too_short', 'too_long'];
    case 'number':
      return [null, 'not_a_number'];
    case 'area':
      return [null, 'invalid_choice', 'no_place'];
    case 'end':
      return [null];
    default:
      return [null, 'invalid_choice'];
  }
}

function checkReferences(flow: Flow): string[] {
  const problems: string[] = [];
  const ids = new Set(Object.keys(flow.screens));
  for (const [label, id] of [['start', flow.start], ['resume', flow.resume]] as const) {
    if (!ids.has(id)) problems.push(`${label}: screen "${id}" is not defined`);
  }
  const saved = new Set(Object.values(flow.screens).flatMap((s) => ('save' in s ? [s.save] : [])));
  for (const [id, screen] of Object.entries(flow.screens)) {
    for (const target of targetsOf(screen)) {
      if (!ids.has(target) && !SPECIAL_TARGETS.has(target)) problems.push(`screens.${id}: goes to "${target}", which is not defined`);
    }
    for (const language of LANGUAGES) {
      for (const [, key] of screen.text[language].matchAll(/\{(\w+)\}/g)) {
        if (!saved.has(key!) && !EFFECT_OUTPUTS.has(key!)) problems.push(`screens.${id}.text.${language}: {${key}} is not saved by any screen`);
      }
    }
  }
  const reachable = new Set<string>();
  const queue = [flow.start, flow.resume];
  while (queue.length) {
    const id = queue.pop()!;
    if (reachable.has(id) || !flow.screens[id]) continue;
    reachable.add(id);
    queue.push(...targetsOf(flow.screens[id]!));
  }
  for (const id of ids) if (!reachable.has(id)) problems.push(`screens.${id}: no screen leads here`);
  return problems;
}

/** Renders every page of every screen, in every language and error state, at the longest values. */
function checkBudgets(flow: Flow, taxonomy: Taxonomy): string[] {
  const problems: string[] = [];
  const areas = longestAreas();
  const ctx: EngineContext = { flow, taxonomy, areas, rootArea: 'R-00' };
  for (const [id, screen] of Object.entries(flow.screens)) {
    for (const language of LANGUAGES) {
      const answers = longestAnswers(flow, taxonomy, language);
      const variants: Partial<FlowState>[] = [{}];
      if (screen.type === 'area') variants.push({ areaCursor: 'R-12' }, { areaMatches: ['R-01-01', 'R-02-02', 'R-03-03', 'R-04-04', 'R-05-05'] });
      for (const variant of variants) {
        for (const error of errorsFor(screen)) {
          if (variant.areaMatches && error === 'no_place') continue; // a failed search shows no matches
          for (const history of [[], [{ screen: flow.start, page: 0, areaCursor: null }]]) {
            for (let page = 0; page < 30; page++) {
              const state: FlowState = { screen: id, page, history, answers, language, areaCursor: null, areaMatches: null, error, ...variant };
              const shown = render(ctx, state);
              const response = `${shown.end ? 'END' : 'CON'} ${shown.text}`;
              const size = ussdScreenSize(response);
              if (size.used > size.limit) {
                problems.push(`screens.${id} (${language}${error ? `, after ${error}` : ''}${page ? `, page ${page + 1}` : ''}): ${size.used} of ${size.limit} ${size.encoding} characters:\n      ${response.replace(/\n/g, '\n      ')}`);
                break;
              }
              if (!/\n98 /.test(shown.text)) break;
            }
          }
        }
      }
    }
  }
  return [...new Set(problems)];
}

/**
 * Every SMS reply, at its longest, must fit one segment in its own encoding (160 GSM-7 / 70 UCS-2).
 * {ref} is five characters ({refs}: two of them) and {status} the longest status word; {choices} is checked when sent
 * (numbered places are offered only when they fit, else the open question goes).
 */
function checkReplies(folder: string, flow: Flow | undefined, taxonomy: Taxonomy | undefined): string[] {
  const problems: string[] = [];
  const { replies } = loadContent(folder);
  for (const [key, texts] of Object.entries(replies)) {
    for (const language of LANGUAGES) {
      const longestStatus = flow ? Object.values(flow.statuses).reduce((a, b) => (b[language].length > a.length ? b[language] : a), '') : 'WWWWWWWWWWWWWWW';
      const longestCategory = taxonomy ? taxonomy.categories.reduce((a, c) => (c.label[language].length > a.length ? c.label[language] : a), '') : 'W'.repeat(20);
      const text = texts[language]
        .replace(/\{refs\}/g, 'WWWWW, WWWWW')
        .replace(/\{categories\}/g, '9 WWWWWWWW')
        .replace(/\{ref\}/g, 'WWWWW')
        .replace(/\{status\}/g, longestStatus)
        .replace(/\{category\}/g, longestCategory)
        .replace(/\{place\}/g, 'W'.repeat(ALERT_PLACE_MAX))
        .replace(/\{name\}/g, 'W'.repeat(ALERT_NAME_MAX))
        .replace(/\{count\}/g, '999')
        .replace(/\{area\}/g, 'W'.repeat(ALERT_PLACE_MAX))
        .replace(/\{people\}/g, '1,000,000')
        .replace(/\{total\}/g, '9,000,000')
        .replace(/\{segments\}/g, '9')
        .replace(/\{code\}/g, '9999')
        .replace(/\{date\}/g, '2026-12-31')
        .replace(/\{hours\}/g, '168')
        .replace(/\{choices\}/g, '');
      const { segments, encoding } = measureSms(text);
      if (segments > 1) problems.push(`replies.yaml ${key}.${language}: ${segments} SMS segments in ${encoding} (one is the budget): "${text}"`);
    }
  }
  return problems;
}

/**
 * Shorthand is one list for all languages (the parser reads it before it knows the language): a short
 * form must stand for one thing only, and never for a word that starts a report ("R").
 */
function checkShorthand(keywords: Keywords): string[] {
  const problems: string[] = [];
  const meanings = new Map<string, string>();
  const reportWords = new Set(LANGUAGES.flatMap((l) => keywords.report[l].map(foldForMatching)));
  for (const language of LANGUAGES) {
    for (const entry of keywords.shorthand[language]) {
      const [short, full] = entry.split('=').map(foldForMatching) as [string, string];
      const known = meanings.get(short);
      if (known !== undefined && known !== full) problems.push(`keywords.yaml shorthand.${language}: "${short}" stands for "${known}" and "${full}"`);
      if (reportWords.has(short)) problems.push(`keywords.yaml shorthand.${language}: "${short}" starts a report (keywords.yaml report)`);
      meanings.set(short, full);
    }
  }
  return problems;
}

/**
 * A keyword word written "=word" is matched only as written (src/sms/report-parser.ts): the "=" belongs
 * at the start of each such word, never inside one ("a=b" would quietly read as two words) nor with "*".
 */
function checkAsWritten(taxonomy: Taxonomy, keywords: Keywords): string[] {
  const lists = [
    ...taxonomy.categories.flatMap((c) => LANGUAGES.flatMap((l) => [...c.keywords[l], ...(c.cues?.[l] ?? []), ...(c.strong_cues?.[l] ?? []), ...(c.fallback_cues?.[l] ?? [])].map((k) => ({ where: `taxonomy.yaml ${c.id}.${l}`, k })))),
    ...LANGUAGES.flatMap((l) => keywords.urgent[l].map((k) => ({ where: `keywords.yaml urgent.${l}`, k }))),
  ];
  return lists
    .filter(({ k }) => k.split(/\s+/).some((word) => word.slice(1).includes('=') || (word.startsWith('=') && word.endsWith('*'))))
    .map(({ where, k }) => `${where}: "${k}" puts "=" inside a word or with "*" (write "=word" for each word matched as written)`);
}

/** All that `npm run flows:check` verifies; an empty list means every flow is fit to ship. */
export function checkFlows(folder: string = FLOWS_FOLDER): string[] {
  const problems: string[] = [];
  let flow: Flow | undefined;
  let taxonomy: Taxonomy | undefined;
  let content: ReturnType<typeof loadContent> | undefined;
  for (const load of [() => (flow = loadFlow(folder)), () => (taxonomy = loadTaxonomy(folder)), () => (content = loadContent(folder))]) {
    try {
      load();
    } catch (error) {
      problems.push(error instanceof FlowFileError ? error.message : (error as Error).message);
    }
  }
  if (taxonomy) {
    const ids = taxonomy.categories.map((c) => c.id);
    for (const id of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push(`taxonomy.yaml: category "${id}" appears twice`);
  }
  if (flow) problems.push(...checkReferences(flow));
  if (content) problems.push(...checkShorthand(content.keywords));
  if (content && taxonomy) problems.push(...checkAsWritten(taxonomy, content.keywords));
  try {
    const rules = loadAlertRules(folder);
    if (taxonomy) {
      const known = new Set(taxonomy.categories.map((c) => c.id));
      for (const rule of rules.clusters) {
        for (const category of rule.categories) if (!known.has(category)) problems.push(`alert-rules.yaml ${rule.name}: category "${category}" is not in taxonomy.yaml`);
      }
    }
  } catch (error) {
    problems.push(error instanceof FlowFileError ? error.message : (error as Error).message);
  }
  if (flow && taxonomy && problems.length === 0) problems.push(...checkBudgets(flow, taxonomy));
  if (problems.every((p) => !p.includes('replies.yaml'))) {
    try {
      problems.push(...checkReplies(folder, flow, taxonomy));
    } catch {
      // already reported by loadContent above
    }
  }
  return problems;
}
