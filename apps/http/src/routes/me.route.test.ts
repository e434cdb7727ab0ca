import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testApp } from '../testing/test-app.test-support.js';

describe('GET /me', () => {
  it('answers the caller’s id, roles (upper-case) and memberships as the database has them', async () => {
    const t = testApp();
    const id = randomUUID();
    const token = await t.token(id, ['organizer', 'user']);
    const before = (await t.call('GET', '/api/v1/me', { token })).json;
    expect({ ...before, roles: [...before.roles].sort() }).toEqual({ id, roles: ['ORGANIZER', 'USER'], memberships: [] });
    const org = await t.call('POST', '/api/v1/organizations', { token, body: { name: 'Mine' } });
    const res = await t.call('GET', '/api/v1/me', { token });
    expect(res.status).toBe(200);
    expect(res.json.memberships).toEqual([{ organizationId: org.json.id, role: 'OWNER' }]);
  });

  it('a staff member sees their membership; a plain user none', async () => {
    const t = testApp();
    const owner = await t.token(randomUUID(), ['ORGANIZER']);
    const org = await t.call('POST', '/api/v1/organizations', { token: owner, body: { name: 'Org' } });
    const staffId = randomUUID();
    await t.call('POST', `/api/v1/organizations/${org.json.id}/members`, { token: owner, body: { userId: staffId, role: 'STAFF' } });
    const staff = await t.call('GET', '/api/v1/me', { token: await t.token(staffId, ['USER']) });
    expect(staff.json.memberships).toEqual([{ organizationId: org.json.id, role: 'STAFF' }]);
    const admin = await t.call('GET', '/api/v1/me', { token: await t.token('admin-1', ['ADMIN']) });
    expect(admin.json).toEqual({ id: 'admin-1', roles: ['ADMIN'], memberships: [] });
  });

  it('a guest gets 401 with a problem document', async () => {
    const res = await testApp().call('GET', '/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(res.json).toMatchObject({ code: 'NOT_AUTHENTICATED' });
  });
});
