import type { Area, AreaDirectory } from '../areas/area-directory';
import { LANGUAGES, type Language } from '../config';
import type { Condition, EffectName, Flow, Localized, MessageKey, Next, Screen, Taxonomy } from './flow-schema';
import { fitsUssdScreen } from './screen-budget';

/**
 * The flow engine, shared by the USSD adapter and (later) SMS conversations. `transition` applies one
 * input to a state and returns the next state; `render` turns a state into the screen to show. Both
 * are deterministic given the flow, the read-only context and the effect runner: effects (save a
 * report, subscribe…) are carried out by the caller, inside its own transaction.
 */

export interface FlowState {
  screen: string;
  page: number;
  history: { screen: string; page: number; areaCursor: string | null }[];
  answers: Record<string, string>;
  language: Language;
  /** The area picker's current level (null: the top for this caller). */
  areaCursor: string | null;
  /** Codes offered after the caller typed a place name. */
  areaMatches: string[] | null;
  error: MessageKey | null;
}

export interface EngineContext {
  flow: Flow;
  taxonomy: Taxonomy;
  areas: AreaDirectory;
  /** The top of the area tree for this caller (their country), or null for all roots. */
  rootArea: string | null;
}

export interface Effect {
  type: EffectName | 'resume';
  answers: Record<string, string>;
  /** The language the caller is being spoken to in. */
  language: Language;
}

/** What an effect gives back: answers to add (e.g. the new report's ref), or a whole state to adopt (resume). */
export interface EffectResult {
  answers?: Record<string, string>;
  state?: FlowState;
}

export type EffectRunner = (effect: Effect) => EffectResult | void;

export interface Rendered {
  text: string;
  end: boolean;
}

const BACK = '0';
const MAIN_MENU = '00';
const MORE = '98';
/** Area names are cut to this length on screens, so that budgets can be checked ahead of time. */
export const AREA_NAME_MAX = 24;
const PARENT_NAME_MAX = 14;

export function initialState(flow: Flow, language: Language, screen: string = flow.start): FlowState {
  return { screen, page: 0, history: [], answers: {}, language, areaCursor: null, areaMatches: null, error: null };
}

function screenOf(ctx: EngineContext, id: string): Screen {
  const screen = ctx.flow.screens[id];
  if (!screen) throw new Error(`flow has no screen "${id}"`);
  return screen;
}

/** A name cut to `max` characters, at a word boundary when one is near ("Лейлекский район" → "Лейлекский"). */
function shorten(name: string, max: number): string {
  if (name.length <= max) return name;
  const space = name.lastIndexOf(' ', max);
  return space >= max / 2 ? name.slice(0, space) : `${name.slice(0, max - 1)}.`;
}

function shortName(area: Area): string {
  return shorten(area.name, AREA_NAME_MAX);
}

/** The label for a saved answer: a choice's label, an area's name, a status in words, or the value itself. */
function answerLabel(ctx: EngineContext, key: string, value: string, language: Language): string {
  if (key === 'status' && value in ctx.flow.statuses) return ctx.flow.statuses[value as keyof Flow['statuses']][language];
  for (const screen of Object.values(ctx.flow.screens)) {
    if (!('save' in screen) || screen.save !== key) continue;
    if (screen.type === 'area') {
      const area = ctx.areas.get(value);
      return area ? shortName(area) : value;
    }
    if (screen.type === 'choice') {
      const choices = screen.choices === 'taxonomy' ? ctx.taxonomy.categories.map((c) => ({ value: c.id, label: c.label })) : screen.choices;
      const choice = choices.find((c) => c.value === value);
      if (choice) return choice.label[language];
    }
  }
  return value;
}

export function fillPlaceholders(ctx: EngineContext, text: string, answers: Record<string, string>, language: Language): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (answers[key] === undefined ? whole : answerLabel(ctx, key, answers[key]!, language)));
}

type OptionAction =
  | { kind: 'goto'; next: string; effect?: EffectName }
  | { kind: 'choose'; value: string }
  | { kind: 'area_open'; code: string }
  | { kind: 'area_pick'; code: string }
  | { kind: 'confirm'; next: string; effect?: EffectName };

interface Option {
  label: string;
  action: OptionAction;
}

function areaLevel(ctx: EngineContext, state: FlowState): string | null {
  return state.areaCursor ?? ctx.rootArea;
}

function optionsOf(ctx: EngineContext, state: FlowState, screen: Screen): Option[] {
  const t = (l: Localized) => l[state.language];
  switch (screen.type) {
    case 'menu':
      return screen.options.map((o) => ({ label: t(o.label), action: { kind: 'goto', next: o.next, effect: o.effect } }));
    case 'choice': {
      const choices = screen.choices === 'taxonomy' ? ctx.taxonomy.categories.map((c) => ({ value: c.id, label: c.label })) : screen.choices;
      return choices.map((c) => ({ label: t(c.label), action: { kind: 'choose', value: c.value } }));
    }
    case 'area': {
      if (state.areaMatches) {
        return state.areaMatches.flatMap((code) => {
          const area = ctx.areas.get(code);
          if (!area) return [];
          const parent = area.parentCode ? ctx.areas.get(area.parentCode) : undefined;
          // The parent tells two places of one name apart; cut short so that a match fits a Cyrillic screen.
          const where = parent && parent.code !== ctx.rootArea ? ` (${shorten(parent.name, PARENT_NAME_MAX)})` : '';
          return [{ label: `${shortName(area)}${where}`, action: { kind: 'area_pick', code } }];
        });
      }
      const level = areaLevel(ctx, state);
      const options: Option[] = [];
      if (state.areaCursor && state.areaCursor !== ctx.rootArea) {
        const current = ctx.areas.get(state.areaCursor);
        if (current) options.push({ label: t(ctx.flow.messages.all_of).replace('{area}', shortName(current)), action: { kind: 'area_pick', code: current.code } });
      }
      for (const child of ctx.areas.childrenOf(level)) {
        const hasChildren = ctx.areas.childrenOf(child.code).length > 0;
        options.push({ label: shortName(child), action: hasChildren ? { kind: 'area_open', code: child.code } : { kind: 'area_pick', code: child.code } });
      }
      return options;
    }
    case 'confirm':
      return [
        { label: t(screen.yes.label), action: { kind: 'confirm', next: screen.yes.next, effect: screen.yes.effect } },
        { label: t(screen.no.label), action: { kind: 'confirm', next: screen.no.next, effect: screen.no.effect } },
      ];
    default:
      return [];
  }
}

interface Page {
  from: number;
  to: number;
}

/**
 * The screen's heading: its text with answers filled in, after a one-line reason when the last input
 * was refused. `compact` keeps only the reason, for a screen too full to repeat its question with it.
 */
function headingOf(ctx: EngineContext, state: FlowState, screen: Screen, page: number, compact = false): string {
  const lang = state.language;
  const reason = state.error ? ctx.flow.messages[state.error][lang] : null;
  if (reason && (compact || (screen.type === 'area' && state.areaMatches))) return reason;
  const parts: string[] = reason ? [reason] : [];
  if (screen.type === 'area' && state.areaMatches) parts.push(ctx.flow.messages.did_you_mean[lang]);
  else parts.push(fillPlaceholders(ctx, screen.text[lang], state.answers, lang));
  if (screen.type === 'area' && !state.areaMatches && !state.areaCursor && page === 0 && !reason) parts.push(`(${ctx.flow.messages.pick_or_type[lang]})`);
  return parts.join('\n');
}

function compose(prefix: string, heading: string, lines: string[], footer: string | null): string {
  return [prefix + heading, ...lines, ...(footer ? [footer] : [])].join('\n');
}

interface Page {
  from: number;
  to: number;
  heading: string;
  footer: boolean;
}

/**
 * Splits the options into pages that each fit one USSD screen with the heading, a "98 More" line
 * while more follow, and the back/menu footer when there is room for it.
 */
function paginate(ctx: EngineContext, state: FlowState, screen: Screen, options: Option[]): Page[] {
  const lang = state.language;
  const more = `${MORE} ${ctx.flow.messages.more[lang]}`;
  const footerText = state.history.length > 0 ? ctx.flow.messages.footer[lang] : null;
  const lines = options.map((o, i) => `${i + 1} ${o.label}`);
  const pages: Page[] = [];
  let from = 0;
  while (from < lines.length || pages.length === 0) {
    const fitsWith = (heading: string, to: number, withFooter: boolean) =>
      fitsUssdScreen(compose('CON ', heading, [...lines.slice(from, to), ...(to < lines.length ? [more] : [])], withFooter ? footerText : null));
    let heading = headingOf(ctx, state, screen, pages.length);
    if (!fitsWith(heading, Math.min(from + 1, lines.length), false)) heading = headingOf(ctx, state, screen, pages.length, true);
    let to = from;
    while (to < lines.length && fitsWith(heading, to + 1, false)) to += 1;
    if (to === from && from < lines.length) to = from + 1; // an overlong option still gets shown (flows:check reports it)
    pages.push({ from, to, heading, footer: footerText !== null && fitsWith(heading, to, true) });
    if (to >= lines.length) break;
    from = to;
  }
  return pages;
}

export function render(ctx: EngineContext, state: FlowState): Rendered {
  const screen = screenOf(ctx, state.screen);
  const lang = state.language;
  if (screen.type === 'end') return { text: fillPlaceholders(ctx, screen.text[lang], state.answers, lang), end: true };
  const options = optionsOf(ctx, state, screen);
  if (options.length === 0) {
    const footerText = state.history.length > 0 ? ctx.flow.messages.footer[lang] : null;
    let heading = headingOf(ctx, state, screen, 0);
    if (!fitsUssdScreen(compose('CON ', heading, [], null))) heading = headingOf(ctx, state, screen, 0, true);
    const withFooter = footerText !== null && fitsUssdScreen(compose('CON ', heading, [], footerText));
    return { text: compose('', heading, [], withFooter ? footerText : null), end: false };
  }
  const pages = paginate(ctx, state, screen, options);
  const page = pages[Math.min(state.page, pages.length - 1)]!;
  const lines = options.slice(page.from, page.to).map((o, i) => `${page.from + i + 1} ${o.label}`);
  if (page.to < options.length) lines.push(`${MORE} ${ctx.flow.messages.more[lang]}`);
  return { text: compose('', page.heading, lines, page.footer ? ctx.flow.messages.footer[lang] : null), end: false };
}

function matches(condition: Condition, answers: Record<string, string>): boolean {
  const value = answers[condition.answer];
  if (condition.equals !== undefined) return value === condition.equals;
  return value !== undefined && (condition.in ?? []).includes(value);
}

function resolveNext(next: Next, answers: Record<string, string>): string {
  if (typeof next === 'string') return next;
  for (const branch of next) if (!branch.if || matches(branch.if, answers)) return branch.goto;
  return next[next.length - 1]!.goto;
}

function goTo(ctx: EngineContext, state: FlowState, target: string, run: EffectRunner): FlowState {
  if (target === '@main') return { ...initialState(ctx.flow, state.language), answers: state.answers };
  if (target === '@resume') {
    const result = run({ type: 'resume', answers: state.answers, language: state.language });
    return result && result.state ? { ...result.state, error: null } : { ...initialState(ctx.flow, state.language), answers: state.answers };
  }
  screenOf(ctx, target);
  return {
    ...state,
    history: [...state.history, { screen: state.screen, page: state.page, areaCursor: state.areaCursor }],
    screen: target,
    page: 0,
    areaCursor: null,
    areaMatches: null,
    error: null,
  };
}

/** Runs an effect and folds what it returns into the state. */
function applyEffect(state: FlowState, effect: EffectName | undefined, run: EffectRunner): FlowState {
  if (!effect) return state;
  const result = run({ type: effect, answers: state.answers, language: state.language });
  let next = result && result.answers ? { ...state, answers: { ...state.answers, ...result.answers } } : state;
  if (effect === 'set_language') {
    const chosen = next.answers.language;
    if (chosen && (LANGUAGES as readonly string[]).includes(chosen)) next = { ...next, language: chosen as Language };
  }
  if (effect === 'discard_draft') next = { ...next, answers: {} };
  return next;
}

type AnsweringScreen = Extract<Screen, { save: string }>;

/** Saves an answer, runs the screen's effect, and moves on. */
function answer(ctx: EngineContext, state: FlowState, screen: AnsweringScreen, value: string, run: EffectRunner): FlowState {
  let next: FlowState = { ...state, answers: { ...state.answers, [screen.save]: value } };
  next = applyEffect(next, screen.effect, run);
  return goTo(ctx, next, resolveNext(screen.next, next.answers), run);
}

function refuse(state: FlowState, error: MessageKey): FlowState {
  return { ...state, error };
}

/** Applies one input (what the caller typed on this screen) and returns the new state. */
export function transition(ctx: EngineContext, state: FlowState, rawInput: string, run: EffectRunner): FlowState {
  const input = rawInput.trim();
  const current: FlowState = { ...state, error: null };
  const screen = screenOf(ctx, current.screen);
  if (screen.type === 'end') return current;

  if (input === MAIN_MENU) return { ...initialState(ctx.flow, current.language), answers: current.answers };
  if (input === BACK) {
    if (current.areaMatches) return { ...current, areaMatches: null, page: 0 };
    const previous = current.history.at(-1);
    if (!previous) return current;
    return { ...current, history: current.history.slice(0, -1), screen: previous.screen, page: previous.page, areaCursor: previous.areaCursor, areaMatches: null };
  }

  const options = optionsOf(ctx, current, screen);
  if (input === MORE && options.length > 0) {
    const pages = paginate(ctx, current, screen, options);
    return current.page + 1 < pages.length ? { ...current, page: current.page + 1 } : current;
  }

  switch (screen.type) {
    case 'text': {
      if (input.length < screen.min) return refuse(current, 'too_short');
      if (input.length > screen.max) return refuse(current, 'too_long');
      return answer(ctx, current, screen, input, run);
    }
    case 'number': {
      if (!/^\d{1,9}$/.test(input)) return refuse(current, 'not_a_number');
      const value = Number(input);
      if (value < screen.min || value > screen.max) return refuse(current, 'not_a_number');
      return answer(ctx, current, screen, String(value), run);
    }
    default:
      break;
  }

  const chosen = /^\d{1,3}$/.test(input) ? options[Number(input) - 1] : undefined;
  if (!chosen) {
    if (screen.type === 'area' && /\p{L}/u.test(input)) {
      const found = ctx.areas.search(input, { within: ctx.rootArea, limit: 5 });
      if (found.length === 0) return refuse({ ...current, areaMatches: null }, 'no_place');
      return { ...current, areaMatches: found.map((m) => m.area.code), page: 0 };
    }
    return refuse(current, 'invalid_choice');
  }

  const action = chosen.action;
  switch (action.kind) {
    case 'goto':
      return goTo(ctx, applyEffect(current, action.effect, run), action.next, run);
    case 'confirm':
      return goTo(ctx, applyEffect(current, action.effect, run), action.next, run);
    case 'choose':
      return answer(ctx, current, screen as AnsweringScreen, action.value, run);
    case 'area_open':
      return {
        ...current,
        history: [...current.history, { screen: current.screen, page: current.page, areaCursor: current.areaCursor }],
        areaCursor: action.code,
        areaMatches: null,
        page: 0,
      };
    case 'area_pick':
      return answer(ctx, { ...current, areaMatches: null }, screen as AnsweringScreen, action.code, run);
  }
}
