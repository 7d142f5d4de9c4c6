import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Principal, TokenService } from '../access/token-service';
import type { Db } from '../db/client';
import { dashboardSessions } from '../db/schema';
import type { Clock } from '../lib/clock';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface DashboardSession {
  principal: Principal;
  csrf: string;
  expiresAt: string;
}

/**
 * Dashboard sign-ins. The cookie holds a random id; only its hash is stored. A session lasts
 * `hours` and no longer than its token: every look-up re-checks the token, so a revoked or expired
 * token (or a changed role or area) takes effect on the next click.
 */
export function createDashboardSessions(deps: { db: Db; clock: Clock; tokens: Pick<TokenService, 'current'>; hours: number }) {
  const { db, clock } = deps;

  function create(principal: Principal): { cookie: string; session: DashboardSession; maxAgeSeconds: number } {
    const cookie = randomBytes(32).toString('base64url');
    const now = clock.now();
    const session = { principal, csrf: randomBytes(24).toString('base64url'), expiresAt: new Date(now.getTime() + deps.hours * 3_600_000).toISOString() };
    db.insert(dashboardSessions)
      .values({ idHash: sha256(cookie), tokenId: principal.tokenId, name: principal.name, role: principal.role, areaCode: principal.areaCode, csrf: session.csrf, createdAt: now.toISOString(), expiresAt: session.expiresAt })
      .run();
    return { cookie, session, maxAgeSeconds: deps.hours * 3600 };
  }

  function find(cookie: string | undefined): DashboardSession | null {
    if (!cookie || cookie.length > 100) return null;
    const row = db.select().from(dashboardSessions).where(eq(dashboardSessions.idHash, sha256(cookie))).get();
    if (!row || row.expiresAt <= clock.now().toISOString()) return null;
    const principal = deps.tokens.current(row.tokenId);
    return principal ? { principal, csrf: row.csrf, expiresAt: row.expiresAt } : null;
  }

  function destroy(cookie: string | undefined): void {
    if (cookie) db.delete(dashboardSessions).where(eq(dashboardSessions.idHash, sha256(cookie))).run();
  }

  /** Run by the scheduler: expired sessions are gone from the database too. */
  function purgeExpired(): number {
    return db.delete(dashboardSessions).where(lt(dashboardSessions.expiresAt, clock.now().toISOString())).run().changes;
  }

  return { create, find, destroy, purgeExpired };
}

export type DashboardSessions = ReturnType<typeof createDashboardSessions>;

/** Whether a submitted CSRF token is the session's own (constant time). */
export function csrfMatches(session: DashboardSession, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(session.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}
