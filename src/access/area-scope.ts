import type { AreaDirectory } from '../areas/area-directory';
import type { Principal } from './token-service';

/**
 * What an area-limited token may see: its area and everything below it. One place decides, for
 * every API route, so that no read reaches past a token's area.
 */
export function createAreaScope(areas: Pick<AreaDirectory, 'isWithin' | 'subtreeCodes'>) {
  /** Whether a thing placed in `areaCode` (null: no known place) is within the token's area. */
  function covers(principal: Principal, areaCode: string | null | undefined): boolean {
    if (!principal.areaCode) return true;
    return !!areaCode && areas.isWithin(areaCode, principal.areaCode);
  }

  /** Whether every one of `codes` is within the token's area. */
  function coversAll(principal: Principal, codes: string[]): boolean {
    return codes.every((code) => covers(principal, code));
  }

  /**
   * The area codes a principal may read, narrowed by an optional `area` filter: null means every
   * area (and things with no place). An empty list means nothing at all.
   */
  function visibleCodes(principal: Principal, filter?: string): string[] | null {
    if (!principal.areaCode && !filter) return null;
    if (!principal.areaCode) return areas.subtreeCodes(filter!);
    if (!filter) return areas.subtreeCodes(principal.areaCode);
    // The narrower of the two, when one lies within the other; otherwise they share nothing.
    if (areas.isWithin(filter, principal.areaCode)) return areas.subtreeCodes(filter);
    if (areas.isWithin(principal.areaCode, filter)) return areas.subtreeCodes(principal.areaCode);
    return [];
  }

  return { covers, coversAll, visibleCodes };
}

export type AreaScope = ReturnType<typeof createAreaScope>;
