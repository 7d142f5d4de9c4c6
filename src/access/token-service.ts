import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiTokens } from '../db/schema';
import type { Clock } from '../lib/clock';
import { newId, sha256Hex } from '../lib/ids';

export type Role = 'admin' | 'coordinator' | 'viewer';
export const ROLES: readonly Role[] = ['admin', 'coordinator', 'viewer'];

export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  /** A token limited to one area subtree; null sees everything. */
  areaCode: string | null;
}

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  area: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  state: 'active' | 'revoked' | 'expired';
}

/** Bearer tokens: only their SHA-256 is stored; the token itself is shown once, at creation. */
export function createTokenService(deps: { db: Db; clock: Clock; bootstrapAdminToken?: string }) {
  const { db, clock } = deps;
  const bootstrap = deps.bootstrapAdminToken ? Buffer.from(deps.bootstrapAdminToken) : null;

  /** `expiresInDays` unset: the token lasts until revoked. */
  function create(input: { name: string; role: Role; areaCode?: string | null; expiresInDays?: number }): { token: string; id: string; expiresAt: string | null } {
    const token = `pgw_${randomBytes(24).toString('base64url')}`;
    const id = newId();
    const now = clock.now();
    const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null;
    db.insert(apiTokens)
      .values({ id, name: input.name, role: input.role, areaCode: input.areaCode ?? null, tokenHash: sha256Hex(token), createdAt: now.toISOString(), expiresAt })
      .run();
    return { token, id, expiresAt };
  }

  function toView(row: typeof apiTokens.$inferSelect): TokenView {
    const now = clock.now().toISOString();
    return {
      id: row.id,
      name: row.name,
      role: row.role,
      area: row.areaCode,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      expiresAt: row.expiresAt,
      revokedAt: row.revokedAt,
      state: row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active',
    };
  }

  /** Every token ever made (never the token itself), newest first, with whether it still works. */
  function list(): TokenView[] {
    return db.select().from(apiTokens).orderBy(desc(apiTokens.createdAt)).all().map(toView);
  }

  function find(id: string): TokenView | undefined {
    const row = db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
    return row && toView(row);
  }

  /** Revokes a token at once (its next request gets 401). */
  function revoke(id: string): 'revoked' | 'already_revoked' | 'not_found' {
    const row = find(id);
    if (!row) return 'not_found';
    if (row.revokedAt) return 'already_revoked';
    db.update(apiTokens).set({ revokedAt: clock.now().toISOString() }).where(eq(apiTokens.id, id)).run();
    return 'revoked';
  }

  function authenticate(token: string): Principal | null {
    const now = clock.now().toISOString();
    if (bootstrap) {
      const given = Buffer.from(token);
      if (given.length === bootstrap.length && timingSafeEqual(given, bootstrap)) {
        return { tokenId: 'bootstrap', name: 'bootstrap admin', role: 'admin', areaCode: null };
      }
    }
    const row = db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, now))))
      .get();
    if (!row) return null;
    db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id)).run();
    return { tokenId: row.id, name: row.name, role: row.role, areaCode: row.areaCode };
  }

  /**
   * The principal of a token that still works (not revoked, not expired), by id: what a dashboard
   * session re-checks on every request, so that revoking a token ends its sessions at once.
   */
  function current(id: string): Principal | null {
    if (id === 'bootstrap') return bootstrap ? { tokenId: 'bootstrap', name: 'bootstrap admin', role: 'admin', areaCode: null } : null;
    const token = find(id);
    return token?.state === 'active' ? { tokenId: token.id, name: token.name, role: token.role, areaCode: token.area } : null;
  }

  return { create, list, find, revoke, authenticate, current };
}

export type TokenService = ReturnType<typeof createTokenService>;
