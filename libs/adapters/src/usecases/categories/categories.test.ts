import { describe, expect, it } from 'vitest';
import { engagementWorld, admin, alice, guest, owner, T0 } from '../organizations/engagement-world.test-support.js';
import { errorType, value } from '../waitlist/results.test-support.js';

async function tree() {
  const w = engagementWorld();
  const water = value(await w.createCategory.execute(admin, { name: 'Water sports', position: 1 }));
  const kayak = value(await w.createCategory.execute(admin, { name: 'Kayak', parentId: water.id }));
  const sail = value(await w.createCategory.execute(admin, { name: 'Sailing', parentId: water.id, position: -1 }));
  const dinghy = value(await w.createCategory.execute(admin, { name: 'Dinghy', parentId: sail.id }));
  const talks = value(await w.createCategory.execute(admin, { name: 'Talks', position: 0 }));
  return { w, water, kayak, sail, dinghy, talks };
}

describe('categories', () => {
  it('admins create categories; the slug comes from the name and is numbered when taken', async () => {
    const w = engagementWorld();
    const created = value(await w.createCategory.execute(admin, { name: ' Stand-up Paddle ' }));
    expect(created).toEqual({ id: expect.any(String), name: 'Stand-up Paddle', slug: 'stand-up-paddle', parentId: null, position: 0, createdAt: T0, updatedAt: T0 });
    expect(value(await w.createCategory.execute(admin, { name: 'Stand up paddle' })).slug).toBe('stand-up-paddle-2');
  });

  it('only admins manage categories; guests sign in first; bad input is INVALID_REQUEST', async () => {
    const w = engagementWorld();
    expect(errorType(await w.createCategory.execute(guest, { name: 'x' }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.createCategory.execute(owner, { name: 'x' }))).toBe('FORBIDDEN');
    expect(await w.createCategory.execute(admin, { name: '' })).toMatchObject({ ok: false, error: { type: 'INVALID_REQUEST', field: 'name' } });
    expect(await w.createCategory.execute(admin, { name: 'x', position: 1.5 })).toMatchObject({ ok: false, error: { field: 'position' } });
    expect(errorType(await w.createCategory.execute(admin, { name: 'x', parentId: 'missing' }))).toBe('CATEGORY_NOT_FOUND');
    const c = value(await w.createCategory.execute(admin, { name: 'x' }));
    expect(errorType(await w.updateCategory.execute(alice, { categoryId: c.id, name: 'y' }))).toBe('FORBIDDEN');
    expect(errorType(await w.updateCategory.execute(admin, { categoryId: 'missing', name: 'y' }))).toBe('CATEGORY_NOT_FOUND');
  });

  it('lists the whole tree for anyone, siblings by position then name', async () => {
    const { w, water, kayak, sail, dinghy, talks } = await tree();
    const forest = value(await w.listCategories.execute());
    const shape = (nodes: readonly { id: string; children: readonly unknown[] }[]): unknown =>
      nodes.map((n) => [n.id, shape(n.children as never)]);
    expect(shape(forest)).toEqual([
      [talks.id, []],
      [water.id, [[sail.id, [[dinghy.id, []]]], [kayak.id, []]]],
    ]);
  });

  it('gets one category with its subtree, by id or slug', async () => {
    const { w, sail, dinghy, water } = await tree();
    const node = value(await w.getCategory.execute({ idOrSlug: 'sailing' }));
    expect(node).toMatchObject({ id: sail.id, parentId: water.id, children: [{ id: dinghy.id, children: [] }] });
    expect(value(await w.getCategory.execute({ idOrSlug: sail.id })).id).toBe(sail.id);
    expect(errorType(await w.getCategory.execute({ idOrSlug: 'nothing' }))).toBe('CATEGORY_NOT_FOUND');
  });

  it('update renames (slug kept), reorders and moves', async () => {
    const { w, kayak, talks } = await tree();
    w.clock.advance(5000);
    const moved = value(await w.updateCategory.execute(admin, { categoryId: kayak.id, name: 'Kayaking', parentId: talks.id, position: 3 }));
    expect(moved).toEqual({ ...kayak, name: 'Kayaking', parentId: talks.id, position: 3, updatedAt: T0 + 5000 });
    expect(value(await w.updateCategory.execute(admin, { categoryId: kayak.id, parentId: null })).parentId).toBeNull();
    expect(await w.categories.findById(null, kayak.id)).toMatchObject({ slug: 'kayak', parentId: null });
  });

  it('a move under itself or its own descendants → CATEGORY_CYCLE, and nothing changes', async () => {
    const { w, water, dinghy } = await tree();
    expect(errorType(await w.updateCategory.execute(admin, { categoryId: water.id, parentId: dinghy.id }))).toBe('CATEGORY_CYCLE');
    expect(errorType(await w.updateCategory.execute(admin, { categoryId: water.id, parentId: water.id }))).toBe('CATEGORY_CYCLE');
    expect((await w.categories.findById(null, water.id))?.parentId).toBeNull();
    expect(errorType(await w.updateCategory.execute(admin, { categoryId: water.id, parentId: 'missing' }))).toBe('CATEGORY_NOT_FOUND');
  });
});
