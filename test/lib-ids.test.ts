import { newId, unambiguousCode } from '../src/lib/ids';

describe('ids', () => {
  it('when many ids are made in the same millisecond, then they still sort in the order they were made', () => {
    const ids = Array.from({ length: 5000 }, () => newId(1_790_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('when codes are drawn, then they never hold look-alike characters', () => {
    for (let i = 0; i < 200; i++) expect(unambiguousCode(8)).toMatch(/^[^01OILUV]{8}$/);
  });
});
