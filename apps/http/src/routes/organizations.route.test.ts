import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app.test-support.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

async function world() {
  const t = testApp();
  const ownerId = randomUUID();
  const owner = await t.token(ownerId, ['ORGANIZER']);
  const created = await t.call('POST', '/api/v1/organizations', { token: owner, body: { name: 'Blue Lagoon Kayaks' } });
  return {
    ...t,
    ownerId,
    owner,
    org: created.json as { id: string; slug: string },
    created,
    admin: await t.token(randomUUID(), ['ADMIN']),
    user: await t.token(randomUUID(), ['USER']),
    otherOrganiser: await t.token(randomUUID(), ['ORGANIZER']),
  };
}

async function member(t: TestApp & { owner: string; org: { id: string } }, role: 'MANAGER' | 'STAFF', roles = ['ORGANIZER']) {
  const id = randomUUID();
  const res = await t.call('POST', `/api/v1/organizations/${t.org.id}/members`, { token: t.owner, body: { userId: id, role } });
  expect(res.status).toBe(201);
  return { id, token: await t.token(id, roles) };
}

describe('POST /organizations', () => {
  it('an organiser founds one (201, Location, exact shape) and becomes its OWNER', async () => {
    const w = await world();
    expect(w.created.status).toBe(201);
    expect(w.created.headers.get('location')).toBe(`/api/v1/organizations/${w.org.id}`);
    expect(w.created.json).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'Blue Lagoon Kayaks',
      slug: 'blue-lagoon-kayaks',
      reviewRequired: false,
      moderateReviews: false,
      createdAt: expect.stringMatching(ISO),
    });
    const me = await w.call('GET', '/api/v1/organizations/' + w.org.id + '/members', { token: w.owner });
    expect(me.json.data).toEqual([{ organizationId: w.org.id, userId: w.ownerId, role: 'OWNER', createdAt: expect.stringMatching(ISO) }]);
  });

  it('numbers a derived slug when taken; a chosen slug that is taken is 409', async () => {
    const w = await world();
    const again = await w.call('POST', '/api/v1/organizations', { token: w.otherOrganiser, body: { name: 'Blue Lagoon Kayaks' } });
    expect(again.json.slug).toBe('blue-lagoon-kayaks-2');
    const taken = await w.call('POST', '/api/v1/organizations', { token: w.otherOrganiser, body: { name: 'X', slug: 'blue-lagoon-kayaks' } });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({ code: 'ORGANIZATION_SLUG_TAKEN' });
  });

  it('guest 401, plain user 403, policies by a non-admin 403, admin may set them', async () => {
    const w = await world();
    expect((await w.call('POST', '/api/v1/organizations', { body: { name: 'A' } })).status).toBe(401);
    const user = await w.call('POST', '/api/v1/organizations', { token: w.user, body: { name: 'A' } });
    expect(user.status).toBe(403);
    expect(user.headers.get('content-type')).toBe('application/problem+json');
    expect((await w.call('POST', '/api/v1/organizations', { token: w.owner, body: { name: 'A', reviewRequired: true } })).status).toBe(403);
    const byAdmin = await w.call('POST', '/api/v1/organizations', {
      token: w.admin,
      body: { name: 'Moderated', reviewRequired: true, moderateReviews: true, ownerUserId: w.ownerId },
    });
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.json).toMatchObject({ reviewRequired: true, moderateReviews: true });
    // The named owner sees it among theirs.
    const mine = await w.call('GET', '/api/v1/organizations', { token: w.owner });
    expect((mine.json.data as { id: string }[]).map((o) => o.id).sort()).toEqual([w.org.id, byAdmin.json.id].sort());
  });

  it('400 for a bad body: empty name, bad slug, wrong types', async () => {
    const w = await world();
    for (const body of [{ name: '' }, { name: 'A', slug: 'Not A Slug' }, { name: 42 }, {}, { name: 'A', reviewRequired: 'yes' }]) {
      const res = await w.call('POST', '/api/v1/organizations', { token: w.owner, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json).toMatchObject({ code: 'VALIDATION_FAILED', errors: expect.any(Array) });
    }
    const malformed = await w.call('POST', '/api/v1/organizations', { token: w.owner, body: '{"name":' });
    expect(malformed.status).toBe(400);
  });
});

describe('GET /organizations and /organizations/{id}', () => {
  it('lists the caller’s organisations, every one for admins (paged); others see none of them', async () => {
    const w = await world();
    const other = await w.call('POST', '/api/v1/organizations', { token: w.otherOrganiser, body: { name: 'Other' } });
    const mine = await w.call('GET', '/api/v1/organizations?page=1&size=10', { token: w.owner });
    expect(mine.status).toBe(200);
    expect(mine.json).toEqual({ data: [w.created.json], page: 1, size: 10, totalElements: 1, totalPages: 1 });
    const all = await w.call('GET', '/api/v1/organizations?size=1', { token: w.admin });
    expect(all.json).toMatchObject({ page: 1, size: 1, totalElements: 2, totalPages: 2 });
    expect((await w.call('GET', '/api/v1/organizations?scope=mine', { token: w.admin })).json.totalElements).toBe(0);
    expect((await w.call('GET', '/api/v1/organizations', { token: w.user })).json.totalElements).toBe(0);
    expect((await w.call('GET', '/api/v1/organizations')).status).toBe(401);
    expect((await w.call('GET', '/api/v1/organizations?size=101', { token: w.owner })).status).toBe(400);
    expect((await w.call('GET', '/api/v1/organizations?scope=everything', { token: w.owner })).status).toBe(400);
    expect(other.status).toBe(201);
  });

  it('reads one for its members and admins; 404 for anyone else; 400 for a malformed id', async () => {
    const w = await world();
    const staff = await member(w, 'STAFF', ['USER']);
    for (const token of [w.owner, w.admin, staff.token]) {
      const res = await w.call('GET', `/api/v1/organizations/${w.org.id}`, { token });
      expect(res.status).toBe(200);
      expect(res.json).toEqual(w.created.json);
    }
    const hidden = await w.call('GET', `/api/v1/organizations/${w.org.id}`, { token: w.otherOrganiser });
    expect(hidden.status).toBe(404);
    expect(hidden.json).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
    expect((await w.call('GET', `/api/v1/organizations/${randomUUID()}`, { token: w.admin })).status).toBe(404);
    expect((await w.call('GET', `/api/v1/organizations/${w.org.id}`)).status).toBe(401);
    expect((await w.call('GET', '/api/v1/organizations/not-a-uuid', { token: w.admin })).status).toBe(400);
  });
});

describe('PATCH /organizations/{id}', () => {
  it('the owner renames it (the slug stays unless asked); policies are for admins', async () => {
    const w = await world();
    const renamed = await w.call('PATCH', `/api/v1/organizations/${w.org.id}`, { token: w.owner, body: { name: 'Lagoon Tours' } });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ name: 'Lagoon Tours', slug: 'blue-lagoon-kayaks' });
    const policy = await w.call('PATCH', `/api/v1/organizations/${w.org.id}`, { token: w.owner, body: { reviewRequired: true } });
    expect(policy.status).toBe(403);
    const byAdmin = await w.call('PATCH', `/api/v1/organizations/${w.org.id}`, { token: w.admin, body: { reviewRequired: true, slug: 'lagoon' } });
    expect(byAdmin.json).toMatchObject({ reviewRequired: true, slug: 'lagoon' });
  });

  it('a manager may not rename (403); a stranger gets 404; a bad slug is 400', async () => {
    const w = await world();
    const manager = await member(w, 'MANAGER');
    expect((await w.call('PATCH', `/api/v1/organizations/${w.org.id}`, { token: manager.token, body: { name: 'Mine now' } })).status).toBe(403);
    expect((await w.call('PATCH', `/api/v1/organizations/${w.org.id}`, { token: w.otherOrganiser, body: { name: 'X' } })).status).toBe(404);
    expect((await w.call('PATCH', `/api/v1/organizations/${w.org.id}`, { token: w.owner, body: { slug: '-bad-' } })).status).toBe(400);
  });
});

describe('members', () => {
  it('the owner adds, re-roles and removes staff; the answers have the member shape', async () => {
    const w = await world();
    const userId = randomUUID();
    const added = await w.call('POST', `/api/v1/organizations/${w.org.id}/members`, { token: w.owner, body: { userId, role: 'STAFF' } });
    expect(added.status).toBe(201);
    expect(added.headers.get('location')).toBe(`/api/v1/organizations/${w.org.id}/members/${userId}`);
    expect(added.json).toEqual({ organizationId: w.org.id, userId, role: 'STAFF', createdAt: expect.stringMatching(ISO) });
    const again = await w.call('POST', `/api/v1/organizations/${w.org.id}/members`, { token: w.owner, body: { userId, role: 'MANAGER' } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('ALREADY_MEMBER');
    const changed = await w.call('PATCH', `/api/v1/organizations/${w.org.id}/members/${userId}`, { token: w.owner, body: { role: 'MANAGER' } });
    expect(changed.json).toMatchObject({ userId, role: 'MANAGER' });
    const listed = await w.call('GET', `/api/v1/organizations/${w.org.id}/members?size=1&page=2`, { token: w.owner });
    expect(listed.json).toMatchObject({ page: 2, size: 1, totalElements: 2, totalPages: 2, data: [{ userId, role: 'MANAGER' }] });
    const removed = await w.call('DELETE', `/api/v1/organizations/${w.org.id}/members/${userId}`, { token: w.owner });
    expect(removed.status).toBe(204);
    expect(removed.text).toBe('');
    const gone = await w.call('DELETE', `/api/v1/organizations/${w.org.id}/members/${userId}`, { token: w.owner });
    expect(gone.status).toBe(404);
    expect(gone.json.code).toBe('MEMBER_NOT_FOUND');
  });

  it('only admins add or remove owners; staff and managers may not add members; strangers get 404', async () => {
    const w = await world();
    const staff = await member(w, 'STAFF', ['USER']);
    const manager = await member(w, 'MANAGER');
    const body = { userId: randomUUID(), role: 'STAFF' };
    expect((await w.call('POST', `/api/v1/organizations/${w.org.id}/members`, { token: staff.token, body })).status).toBe(403);
    expect((await w.call('POST', `/api/v1/organizations/${w.org.id}/members`, { token: manager.token, body })).status).toBe(403);
    expect((await w.call('POST', `/api/v1/organizations/${w.org.id}/members`, { token: w.otherOrganiser, body })).status).toBe(404);
    const owner2 = { userId: randomUUID(), role: 'OWNER' };
    expect((await w.call('POST', `/api/v1/organizations/${w.org.id}/members`, { token: w.owner, body: owner2 })).status).toBe(403);
    expect((await w.call('POST', `/api/v1/organizations/${w.org.id}/members`, { token: w.admin, body: owner2 })).status).toBe(201);
    expect((await w.call('DELETE', `/api/v1/organizations/${w.org.id}/members/${owner2.userId}`, { token: w.owner })).status).toBe(403);
    expect((await w.call('DELETE', `/api/v1/organizations/${w.org.id}/members/${owner2.userId}`, { token: w.admin })).status).toBe(204);
    // A removed member loses access on the next request, whatever their token says.
    expect((await w.call('DELETE', `/api/v1/organizations/${w.org.id}/members/${staff.id}`, { token: w.owner })).status).toBe(204);
    expect((await w.call('GET', `/api/v1/organizations/${w.org.id}`, { token: staff.token })).status).toBe(404);
  });

  it('400 for an unknown role or a missing user id', async () => {
    const w = await world();
    for (const body of [{ userId: 'u', role: 'BOSS' }, { role: 'STAFF' }, { userId: '', role: 'STAFF' }]) {
      const res = await w.call('POST', `/api/v1/organizations/${w.org.id}/members`, { token: w.owner, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    expect((await w.call('PATCH', `/api/v1/organizations/${w.org.id}/members/u`, { token: w.owner, body: { role: 'boss' } })).status).toBe(400);
  });
});
