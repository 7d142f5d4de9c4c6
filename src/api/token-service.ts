import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
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

/** Bearer tokens: only their SHA-256 is stored; the token itself is shown once, at creation. */
export function createTokenService(deps: { db: Db; clock: Clock; bootstrapAdminToken?: string }) {
  const { db, clock } = deps;
  const bootstrap = deps.bootstrapAdminToken ? Buffer.from(deps.bootstrapAdminToken) : null;

  function create(input: { name: string; role: Role; areaCode?: string | null }): { token: string; id: string } {
    const token = `pgw_${randomBytes(24).toString('base64url')}`;
    const id = newId();
    db.insert(apiTokens)
      .values({ id, name: input.name, role: input.role, areaCode: input.areaCode ?? null, tokenHash: sha256Hex(token), createdAt: clock.now().toISOString() })
      .run();
    return { token, id };
  }

  function authenticate(token: string): Principal | null {
    if (bootstrap) {
      const given = Buffer.from(token);
      if (given.length === bootstrap.length && timingSafeEqual(given, bootstrap)) {
        return { tokenId: 'bootstrap', name: 'bootstrap admin', role: 'admin', areaCode: null };
      }
    }
    const row = db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.tokenHash, sha256Hex(token)), isNull(apiTokens.revokedAt)))
      .get();
    if (!row) return null;
    db.update(apiTokens).set({ lastUsedAt: clock.now().toISOString() }).where(eq(apiTokens.id, row.id)).run();
    return { tokenId: row.id, name: row.name, role: row.role, areaCode: row.areaCode };
  }

  return { create, authenticate };
}

export type TokenService = ReturnType<typeof createTokenService>;
