import { asc } from 'drizzle-orm';
import type { Db } from '../db/client';
import { areas } from '../db/schema';
import { foldForMatching, matchScore } from './text-match';

export interface Area {
  code: string;
  name: string;
  parentCode: string | null;
  level: string;
  aliases: string[];
  /** Centroid for the map; null when the areas CSV gave none. */
  lat: number | null;
  lon: number | null;
}

export interface AreaMatch {
  area: Area;
  score: number;
  /** The name or alias that matched, folded (a prefix match leaves the rest of it untyped). */
  matched: string;
}

const VERSION = 'areas_version';

/** Called in the transaction of every change to the areas: running directories reload at their next look-up. */
export function markAreasChanged(db: Db, now: Date): void {
  db.$client
    .prepare('insert into gateway_meta (name, value, updated_at) values (?, ?, ?) on conflict (name) do update set value = excluded.value, updated_at = excluded.updated_at')
    .run(VERSION, `${now.toISOString()} ${Math.random().toString(36).slice(2)}`, now.toISOString());
}

/** The names searched under a `within`, by length and by first three letters (see `candidates`). */
interface NameIndex {
  byLength: Map<number, NameEntry[]>;
  byStart: Map<string, NameEntry[]>;
}

/**
 * A name or alias as compared (`folded`). `firstWordOf`: the entry is the first word of a longer name ("kabonyo"
 * of "kabonyo kanyagwal"), so that a typo in it finds the place as the whole first word typed exactly does (as a
 * prefix of the name); reported as that name.
 */
interface NameEntry {
  area: Area;
  folded: string;
  firstWordOf?: string;
}

/** A first word this long or longer stands for its name with a typo in it (shorter ones are "Santa", "Villa", "Kara"). */
const FIRST_WORD_MIN = 6;

/** How many words a folded name or run has. */
const wordCount = (folded: string) => folded.split(' ').length;

/** A key of a folded name (see `searchByKey`), or null when the name has none. */
export type NameKey = (folded: string) => string | null;

/**
 * The area tree, kept in memory (a few thousand rows at most) and live: an import by the CLI or the
 * API, in this process or another, is seen at the next look-up (`get`, `search`, `rootFor`,
 * `subtreeCodes` check a version stamp, one primary-key read). Used by the USSD picker, the SMS
 * parser, routing and broadcasts.
 */
export function createAreaDirectory(deps: { db: Db }) {
  const readVersion = deps.db.$client.prepare('select value from gateway_meta where name = ?').pluck();
  let version: string | undefined;
  let byCode = new Map<string, Area>();
  let children = new Map<string | null, Area[]>();
  let names: NameEntry[] = [];
  /** Each area's ancestors and itself, root first: computed once per reload, used on every search. */
  let lineage = new Map<string, Area[]>();
  /** The names searched under a `within` (a country, usually), by length and by first three letters. */
  let nameIndexes = new Map<string | null, NameIndex>();
  /** Names by a caller's key of them (`searchByKey`), built at first use after each reload. */
  let keyedNames = new WeakMap<NameKey, Map<string, Area[]>>();

  function reload(): void {
    version = readVersion.get(VERSION) as string | undefined;
    const rows = deps.db.select().from(areas).orderBy(asc(areas.name)).all();
    byCode = new Map();
    children = new Map();
    names = [];
    for (const row of rows) {
      const area: Area = { code: row.code, name: row.name, parentCode: row.parentCode, level: row.level, aliases: JSON.parse(row.aliases) as string[], lat: row.lat, lon: row.lon };
      byCode.set(area.code, area);
      for (const name of [area.name, ...area.aliases]) {
        const folded = foldForMatching(name);
        names.push({ area, folded });
        const firstWord = folded.split(' ')[0]!;
        if (firstWord !== folded && firstWord.length >= FIRST_WORD_MIN) names.push({ area, folded: firstWord, firstWordOf: folded });
      }
    }
    lineage = new Map();
    nameIndexes = new Map();
    keyedNames = new WeakMap();
    for (const area of byCode.values()) {
      const line: Area[] = [];
      for (let at: Area | undefined = area; at && line.length < 20; at = at.parentCode ? byCode.get(at.parentCode) : undefined) line.unshift(at);
      lineage.set(area.code, line);
    }
    for (const area of byCode.values()) {
      const parent = area.parentCode && byCode.has(area.parentCode) ? area.parentCode : null;
      const list = children.get(parent) ?? [];
      list.push(area);
      children.set(parent, list);
    }
  }
  reload();

  // Checked once per synchronous turn: parsing one SMS searches hundreds of word runs, and the tree
  // stays the same within a turn anyway (another process's import is seen at the next request).
  let checkedThisTurn = false;
  function refreshIfChanged(): void {
    if (checkedThisTurn) return;
    checkedThisTurn = true;
    queueMicrotask(() => (checkedThisTurn = false));
    if ((readVersion.get(VERSION) as string | undefined) !== version) reload();
  }

  function get(code: string): Area | undefined {
    refreshIfChanged();
    return byCode.get(code);
  }

  function childrenOf(code: string | null): Area[] {
    if (code === null) refreshIfChanged(); // the top of a menu
    return children.get(code) ?? [];
  }

  /** Root first: ["Kenya", "Nairobi", "Kibra"]. */
  function path(code: string): Area[] {
    return lineage.get(code) ?? [];
  }

  function isWithin(code: string, ancestor: string): boolean {
    return path(code).some((a) => a.code === ancestor);
  }

  /** The area and everything below it, as codes (for SQL filters of an area-scoped token). */
  function subtreeCodes(code: string): string[] {
    refreshIfChanged();
    const out = [code];
    for (let i = 0; i < out.length; i++) for (const child of childrenOf(out[i]!)) out.push(child.code);
    return out;
  }

  function nameIndexFor(within: string | null): NameIndex {
    let index = nameIndexes.get(within);
    if (!index) {
      index = { byLength: new Map(), byStart: new Map() };
      for (const entry of names) {
        if (within && !isWithin(entry.area.code, within)) continue;
        const length = index.byLength.get(entry.folded.length) ?? [];
        length.push(entry);
        index.byLength.set(entry.folded.length, length);
        const start = index.byStart.get(entry.folded.slice(0, 3)) ?? [];
        start.push(entry);
        index.byStart.set(entry.folded.slice(0, 3), start);
      }
      nameIndexes.set(within, index);
    }
    return index;
  }

  /**
   * The names that can match at all (see matchScore): those starting with what was typed, and those
   * within two letters of its length (an exact name or a typo). Parsing one SMS searches hundreds of
   * word runs, so the whole list is not walked each time.
   */
  function candidates(folded: string, within: string | null): NameEntry[] {
    const index = nameIndexFor(within);
    const out: NameEntry[] = [];
    for (let length = Math.max(1, folded.length - 2); length <= folded.length + 2; length++) out.push(...(index.byLength.get(length) ?? []));
    if (folded.length >= 3) for (const entry of index.byStart.get(folded.slice(0, 3)) ?? []) if (entry.folded.length > folded.length + 2) out.push(entry);
    return out;
  }

  /**
   * Areas whose name or alias matches the typed text, best first; on a tie the more specific
   * (deeper) area wins, since "Kondele" should mean the ward and not a county of a similar name.
   * `within` limits the search to a subtree.
   */
  function search(typed: string, options: { within?: string | null; limit?: number } = {}): AreaMatch[] {
    return searchFolded(foldForMatching(typed), options);
  }

  /** `search` for text already folded (foldForMatching): the SMS parser folds a message once, not per word run. */
  function searchFolded(folded: string, options: { within?: string | null; limit?: number; typos?: (length: number) => number } = {}): AreaMatch[] {
    refreshIfChanged();
    const best = new Map<string, { score: number; matched: string }>();
    for (const { area, folded: compared, firstWordOf } of candidates(folded, options.within ?? null)) {
      const direct = matchScore(folded, compared, options.typos);
      if (direct === null) continue;
      // A typo stays within words: more words than the name's are not the name with a space typed as a
      // letter ("gari la", a car of, is no "Garissa").
      if (direct > 1 && wordCount(folded) > wordCount(compared)) continue;
      // A name's first word: typed whole it is a prefix of the name (1); with a typo, a prefix with a typo.
      const score = firstWordOf === undefined ? direct : direct <= 1 ? 1 : direct + 1;
      const name = firstWordOf ?? compared;
      const known = best.get(area.code);
      if (known === undefined || score < known.score || (score === known.score && name.length < known.matched.length)) best.set(area.code, { score, matched: name });
    }
    return [...best.entries()]
      .map(([code, { score, matched }]) => ({ area: byCode.get(code)!, score, matched }))
      .sort((a, b) => a.score - b.score || path(b.area.code).length - path(a.area.code).length || a.area.name.localeCompare(b.area.name))
      .slice(0, options.limit ?? 5);
  }

  /**
   * Areas one of whose names has this key, under `key` (null: the name has none), best-known first.
   * The SMS parser keys multi-word names by their words' stems, so that a name declined as a whole
   * ("в Чуйской области", "в Таласском районе") finds Чуйская область and Таласский район.
   */
  function searchByKey(key: NameKey, value: string, options: { within?: string | null } = {}): Area[] {
    refreshIfChanged();
    let index = keyedNames.get(key);
    if (!index) {
      index = new Map();
      for (const entry of names) {
        if (entry.firstWordOf !== undefined) continue;
        const k = key(entry.folded);
        if (k === null) continue;
        const list = index.get(k) ?? [];
        if (!list.includes(entry.area)) list.push(entry.area);
        index.set(k, list);
      }
      keyedNames.set(key, index);
    }
    const within = options.within ?? null;
    return (index.get(value) ?? []).filter((area) => !within || isWithin(area.code, within));
  }

  /** The top of the tree for a caller from this country (KE, KG…), or the roots. */
  function rootFor(country: string | null): string | null {
    refreshIfChanged();
    if (country && byCode.has(country)) return country;
    return null;
  }

  /** Every area, in name order (the dashboard's tree and map). */
  function all(): Area[] {
    refreshIfChanged();
    return [...byCode.values()];
  }

  return { reload, refreshIfChanged, get, childrenOf, path, isWithin, subtreeCodes, search, searchFolded, searchByKey, rootFor, all, size: () => byCode.size };
}

export type AreaDirectory = ReturnType<typeof createAreaDirectory>;
