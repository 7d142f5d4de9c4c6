import type { Db } from '../db/client';

/** Small named values the gateway keeps about itself (table gateway_meta). */
export function createGatewayMeta(db: Db, now: () => Date = () => new Date()) {
  const read = db.$client.prepare('select value from gateway_meta where name = ?').pluck();
  const write = db.$client.prepare(
    'insert into gateway_meta (name, value, updated_at) values (?, ?, ?) on conflict (name) do update set value = excluded.value, updated_at = excluded.updated_at',
  );
  const remove = db.$client.prepare('delete from gateway_meta where name = ?');
  return {
    get: (name: string) => (read.get(name) as string | undefined) ?? null,
    set: (name: string, value: string) => void write.run(name, value, now().toISOString()),
    delete: (name: string) => void remove.run(name),
  };
}

export const META = {
  keyFingerprint: 'key_fingerprint',
  /** JSON { target, table, after }: a rotation to the key with fingerprint `target`, done up to `after` in `table`. */
  keyRotation: 'key_rotation',
} as const;
