import { describe, expect, it } from 'vitest';
import { SequenceIdGenerator } from '../testing/sequence-id-generator.js';
import { UuidV7IdGenerator } from './uuid-v7-id-generator.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// The same expectations hold for the real generator and the test double.
describe.each([
  ['UuidV7IdGenerator', () => new UuidV7IdGenerator()],
  ['SequenceIdGenerator', () => new SequenceIdGenerator()],
])('%s', (_name, make) => {
  it('mints distinct UUIDv7 strings that sort by creation order', () => {
    const gen = make();
    const ids = Array.from({ length: 500 }, () => gen.next());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
