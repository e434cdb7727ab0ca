import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.test-support.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function world() {
  const t = testApp();
  return {
    ...t,
    admin: await t.token(randomUUID(), ['ADMIN']),
    organiser: await t.token(randomUUID(), ['ORGANIZER']),
    user: await t.token(randomUUID(), ['USER']),
  };
}

describe('categories', () => {
  it('an admin creates a tree (201, Location, exact shape); anyone reads it, roots and children in order', async () => {
    const w = await world();
    const water = await w.call('POST', '/api/v1/categories', { token: w.admin, body: { name: 'Water sports' } });
    expect(water.status).toBe(201);
    expect(water.headers.get('location')).toBe(`/api/v1/categories/${water.json.id}`);
    expect(water.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Water sports',
      slug: 'water-sports',
      parentId: null,
      position: 0,
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
    });
    const sup = await w.call('POST', '/api/v1/categories', { token: w.admin, body: { name: 'SUP', parentId: water.json.id, position: 2 } });
    const kayak = await w.call('POST', '/api/v1/categories', { token: w.admin, body: { name: 'Kayaking', parentId: water.json.id, position: 1 } });
    const hiking = await w.call('POST', '/api/v1/categories', { token: w.admin, body: { name: 'Hiking', parentId: null } });

    const tree = await w.call('GET', '/api/v1/categories');
    expect(tree.status).toBe(200);
    expect((tree.json.data as { name: string }[]).map((n) => n.name)).toEqual(['Hiking', 'Water sports']);
    const waterNode = tree.json.data[1];
    expect((waterNode.children as { id: string }[]).map((n) => n.id)).toEqual([kayak.json.id, sup.json.id]);
    expect(waterNode.children[0]).toEqual({ ...kayak.json, children: [] });
    expect(hiking.json.parentId).toBeNull();

    const byId = await w.call('GET', `/api/v1/categories/${water.json.id}`);
    expect(byId.json).toEqual(waterNode);
    const bySlug = await w.call('GET', '/api/v1/categories/kayaking', { token: w.user });
    expect(bySlug.json).toEqual({ ...kayak.json, children: [] });
  });

  it('404 for an unknown category or parent; 400 for a malformed id or body', async () => {
    const w = await world();
    const missing = await w.call('GET', `/api/v1/categories/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: 'CATEGORY_NOT_FOUND' });
    expect((await w.call('GET', '/api/v1/categories/no-such-slug')).status).toBe(404);
    expect((await w.call('GET', '/api/v1/categories/Not%20A%20Slug')).status).toBe(400);
    const orphan = await w.call('POST', '/api/v1/categories', { token: w.admin, body: { name: 'X', parentId: randomUUID() } });
    expect(orphan.status).toBe(404);
    for (const body of [{ name: '' }, { name: 'X', parentId: 'nope' }, { name: 'X', position: 1.5 }, { position: 1 }]) {
      const res = await w.call('POST', '/api/v1/categories', { token: w.admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.code).toBe('VALIDATION_FAILED');
    }
  });

  it('only admins change categories: guest 401, user and organiser 403', async () => {
    const w = await world();
    expect((await w.call('POST', '/api/v1/categories', { body: { name: 'X' } })).status).toBe(401);
    expect((await w.call('POST', '/api/v1/categories', { token: w.user, body: { name: 'X' } })).status).toBe(403);
    const organiser = await w.call('POST', '/api/v1/categories', { token: w.organiser, body: { name: 'X' } });
    expect(organiser.status).toBe(403);
    expect(organiser.json.code).toBe('FORBIDDEN');
    const made = await w.call('POST', '/api/v1/categories', { token: w.admin, body: { name: 'X' } });
    expect((await w.call('PATCH', `/api/v1/categories/${made.json.id}`, { token: w.organiser, body: { name: 'Y' } })).status).toBe(403);
    expect((await w.call('PATCH', `/api/v1/categories/${made.json.id}`, { body: { name: 'Y' } })).status).toBe(401);
  });

  it('PATCH renames (the slug stays), moves and reorders; a move into its own subtree is 422 CATEGORY_CYCLE', async () => {
    const w = await world();
    const a = await w.call('POST', '/api/v1/categories', { token: w.admin, body: { name: 'A' } });
    const b = await w.call('POST', '/api/v1/categories', { token: w.admin, body: { name: 'B', parentId: a.json.id } });
    const renamed = await w.call('PATCH', `/api/v1/categories/${a.json.id}`, { token: w.admin, body: { name: 'Alpha', position: 5 } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ id: a.json.id, name: 'Alpha', slug: 'a', position: 5 });
    const cycle = await w.call('PATCH', `/api/v1/categories/${a.json.id}`, { token: w.admin, body: { parentId: b.json.id } });
    expect(cycle.status).toBe(422);
    expect(cycle.json.code).toBe('CATEGORY_CYCLE');
    const root = await w.call('PATCH', `/api/v1/categories/${b.json.id}`, { token: w.admin, body: { parentId: null } });
    expect(root.json.parentId).toBeNull();
    expect((await w.call('PATCH', `/api/v1/categories/${randomUUID()}`, { token: w.admin, body: { name: 'Z' } })).status).toBe(404);
    expect((await w.call('PATCH', '/api/v1/categories/kayaking', { token: w.admin, body: { name: 'Z' } })).status).toBe(400);
    expect((await w.call('PATCH', `/api/v1/categories/${a.json.id}`, { token: w.admin, body: { name: 7 } })).status).toBe(400);
  });
});
