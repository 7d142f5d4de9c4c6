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
}

export interface AreaMatch {
  area: Area;
  score: number;
}

/**
 * The area tree, read once from the database and kept in memory (a few thousand rows at most);
 * `reload()` after an import. Used by the USSD picker, the SMS parser and routing.
 */
export function createAreaDirectory(deps: { db: Db }) {
  let byCode = new Map<string, Area>();
  let children = new Map<string | null, Area[]>();
  let names: { area: Area; folded: string }[] = [];
  /** Each area's ancestors and itself, root first: computed once per reload, used on every search. */
  let lineage = new Map<string, Area[]>();

  function reload(): void {
    const rows = deps.db.select().from(areas).orderBy(asc(areas.name)).all();
    byCode = new Map();
    children = new Map();
    names = [];
    for (const row of rows) {
      const area: Area = { code: row.code, name: row.name, parentCode: row.parentCode, level: row.level, aliases: JSON.parse(row.aliases) as string[] };
      byCode.set(area.code, area);
      for (const name of [area.name, ...area.aliases]) names.push({ area, folded: foldForMatching(name) });
    }
    lineage = new Map();
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

  function get(code: string): Area | undefined {
    return byCode.get(code);
  }

  function childrenOf(code: string | null): Area[] {
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
    const out = [code];
    for (let i = 0; i < out.length; i++) for (const child of childrenOf(out[i]!)) out.push(child.code);
    return out;
  }

  /**
   * Areas whose name or alias matches the typed text, best first; on a tie the more specific
   * (deeper) area wins, since "Kondele" should mean the ward and not a county of a similar name.
   * `within` limits the search to a subtree.
   */
  function search(typed: string, options: { within?: string | null; limit?: number } = {}): AreaMatch[] {
    const folded = foldForMatching(typed);
    const best = new Map<string, number>();
    for (const { area, folded: name } of names) {
      if (options.within && !isWithin(area.code, options.within)) continue;
      const score = matchScore(folded, name);
      if (score === null) continue;
      const known = best.get(area.code);
      if (known === undefined || score < known) best.set(area.code, score);
    }
    return [...best.entries()]
      .map(([code, score]) => ({ area: byCode.get(code)!, score }))
      .sort((a, b) => a.score - b.score || path(b.area.code).length - path(a.area.code).length || a.area.name.localeCompare(b.area.name))
      .slice(0, options.limit ?? 5);
  }

  /** The top of the tree for a caller from this country (KE, KG…), or the roots. */
  function rootFor(country: string | null): string | null {
    if (country && byCode.has(country)) return country;
    return null;
  }

  return { reload, get, childrenOf, path, isWithin, subtreeCodes, search, rootFor, size: () => byCode.size };
}

export type AreaDirectory = ReturnType<typeof createAreaDirectory>;
