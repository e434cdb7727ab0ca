import { describe, expect, it } from 'vitest';
import { errorType, value } from '../waitlist/results.test-support.js';
import { ORG, OTHER_ORG, T0, admin, alice, cli, engagementWorld, guest, manager, otherOwner, owner, staff, user } from './engagement-world.test-support.js';

const organiser = user('org-9', ['USER', 'ORGANIZER']);

describe('ResolveActorUseCase', () => {
  it('reads roles from the claims and memberships from the store', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    const actor = await w.resolveActor.execute({ sub: 'owner-1', roles: ['organizer', 'offline_access'] });
    expect(actor).toEqual({ kind: 'user', id: 'owner-1', roles: ['ORGANIZER'], memberships: [{ organizationId: ORG, role: 'OWNER' }] });
  });

  it('no claims or no subject → guest; a member removed a moment ago has no membership any more', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    expect(await w.resolveActor.execute(null)).toEqual({ kind: 'guest' });
    expect(await w.resolveActor.execute({ sub: '', roles: ['ADMIN'] })).toEqual({ kind: 'guest' });
    await w.db.run((tx) => w.organizations.removeMember(tx, ORG, 'staff-1'));
    expect(await w.resolveActor.execute({ sub: 'staff-1', roles: [] })).toMatchObject({ memberships: [] });
  });
});

describe('CreateOrganizationUseCase', () => {
  it('an organiser founds an organisation and becomes its OWNER; the slug comes from the name', async () => {
    const w = engagementWorld();
    const org = value(await w.createOrganization.execute(organiser, { name: '  Sunset Kayaks & Co. ' }));
    expect(org).toEqual({ id: expect.any(String), name: 'Sunset Kayaks & Co.', slug: 'sunset-kayaks-co', reviewRequired: false, moderateReviews: false, createdAt: T0 });
    expect(await w.organizations.listMembers(org.id)).toEqual([{ organizationId: org.id, userId: 'org-9', role: 'OWNER', createdAt: T0 }]);
  });

  it('a taken derived slug gets a number; a Cyrillic name gets a Latin slug', async () => {
    const w = engagementWorld();
    value(await w.createOrganization.execute(organiser, { name: 'Regatta' }));
    expect(value(await w.createOrganization.execute(organiser, { name: 'REGATTA!' })).slug).toBe('regatta-2');
    expect(value(await w.createOrganization.execute(organiser, { name: 'Регата Волга' })).slug).toBe('regata-volga');
  });

  it('a chosen slug that is taken → ORGANIZATION_SLUG_TAKEN, and nothing is created', async () => {
    const w = engagementWorld();
    value(await w.createOrganization.execute(organiser, { name: 'A', slug: 'boats' }));
    expect(errorType(await w.createOrganization.execute(organiser, { name: 'B', slug: 'boats' }))).toBe('ORGANIZATION_SLUG_TAKEN');
    expect((await w.organizations.list({ page: 1, size: 10 })).total).toBe(1);
  });

  it('guests sign in first; plain users may not; bad names and slugs are INVALID_REQUEST', async () => {
    const w = engagementWorld();
    expect(errorType(await w.createOrganization.execute(guest, { name: 'X' }))).toBe('NOT_AUTHENTICATED');
    expect(errorType(await w.createOrganization.execute(alice, { name: 'X' }))).toBe('FORBIDDEN');
    expect(await w.createOrganization.execute(organiser, { name: '   ' })).toMatchObject({ ok: false, error: { type: 'INVALID_REQUEST', field: 'name' } });
    expect(await w.createOrganization.execute(organiser, { name: 'X', slug: 'Bad Slug' })).toMatchObject({ ok: false, error: { type: 'INVALID_REQUEST', field: 'slug' } });
  });

  it('only admins set the policies at creation, or found one for someone else', async () => {
    const w = engagementWorld();
    expect(errorType(await w.createOrganization.execute(organiser, { name: 'X', moderateReviews: true }))).toBe('FORBIDDEN');
    expect(errorType(await w.createOrganization.execute(organiser, { name: 'X', ownerUserId: 'bob' }))).toBe('FORBIDDEN');
    const org = value(await w.createOrganization.execute(admin, { name: 'X', reviewRequired: true, ownerUserId: 'bob' }));
    expect(org.reviewRequired).toBe(true);
    expect((await w.organizations.listMembers(org.id)).map((m) => [m.userId, m.role])).toEqual([['bob', 'OWNER']]);
  });

  it('the CLI (a system actor) founds one without members unless it names an owner', async () => {
    const w = engagementWorld();
    const org = value(await w.createOrganization.execute(cli, { name: 'Imported' }));
    expect(await w.organizations.listMembers(org.id)).toEqual([]);
  });
});

describe('GetOrganizationUseCase and ListOrganizationsUseCase', () => {
  it('members and admins see it; anyone else gets ORGANIZATION_NOT_FOUND, guests sign in first', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    expect(value(await w.getOrganization.execute(staff, { organizationId: ORG })).slug).toBe('aqua');
    expect(value(await w.getOrganization.execute(admin, { organizationId: ORG })).id).toBe(ORG);
    expect(errorType(await w.getOrganization.execute(otherOwner, { organizationId: ORG }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(errorType(await w.getOrganization.execute(admin, { organizationId: 'nope' }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(errorType(await w.getOrganization.execute(guest, { organizationId: ORG }))).toBe('NOT_AUTHENTICATED');
  });

  it('a member lists their own organisations; an admin lists all, or only theirs with scope=mine', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    const mine = value(await w.listOrganizations.execute(owner, { page: 1, size: 10 }));
    expect(mine).toMatchObject({ totalElements: 1, totalPages: 1, page: 1, size: 10 });
    expect(mine.data.map((o) => o.id)).toEqual([ORG]);
    expect(value(await w.listOrganizations.execute(admin, { page: 1, size: 10 })).totalElements).toBe(2);
    expect(value(await w.listOrganizations.execute(admin, { page: 1, size: 10, scope: 'mine' })).totalElements).toBe(0);
    expect(value(await w.listOrganizations.execute(alice, { page: 1, size: 10 })).data).toEqual([]);
    expect(errorType(await w.listOrganizations.execute(guest, { page: 1, size: 10 }))).toBe('NOT_AUTHENTICATED');
  });
});

describe('UpdateOrganizationUseCase', () => {
  it('the owner renames it (the slug stays) and may choose a new slug', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    const renamed = value(await w.updateOrganization.execute(owner, { organizationId: ORG, name: 'Aqua Club' }));
    expect(renamed).toMatchObject({ name: 'Aqua Club', slug: 'aqua' });
    expect(value(await w.updateOrganization.execute(owner, { organizationId: ORG, slug: 'aqua-club' })).slug).toBe('aqua-club');
    expect((await w.organizations.findById(null, ORG))?.slug).toBe('aqua-club');
  });

  it('a slug of another organisation → ORGANIZATION_SLUG_TAKEN', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    expect(errorType(await w.updateOrganization.execute(owner, { organizationId: ORG, slug: 'other' }))).toBe('ORGANIZATION_SLUG_TAKEN');
  });

  it('managers and staff may not rename (FORBIDDEN); outsiders do not see it', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    expect(errorType(await w.updateOrganization.execute(manager, { organizationId: ORG, name: 'Mine now' }))).toBe('FORBIDDEN');
    expect(errorType(await w.updateOrganization.execute(otherOwner, { organizationId: ORG, name: 'x' }))).toBe('ORGANIZATION_NOT_FOUND');
  });

  it('reviewRequired and moderateReviews: admins only, even for the owner', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    expect(errorType(await w.updateOrganization.execute(owner, { organizationId: ORG, reviewRequired: true }))).toBe('FORBIDDEN');
    // Asking for what it already is changes nothing and needs no right.
    expect(value(await w.updateOrganization.execute(owner, { organizationId: ORG, reviewRequired: false })).reviewRequired).toBe(false);
    const set = value(await w.updateOrganization.execute(admin, { organizationId: ORG, reviewRequired: true, moderateReviews: true }));
    expect(set).toMatchObject({ reviewRequired: true, moderateReviews: true });
    expect(await w.organizations.findById(null, ORG)).toMatchObject({ reviewRequired: true, moderateReviews: true });
  });
});

describe('members', () => {
  it('the owner adds managers and staff; the list shows them oldest first', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    w.clock.advance(1000);
    const added = value(await w.addMember.execute(owner, { organizationId: ORG, userId: 'carol', role: 'MANAGER' }));
    expect(added).toEqual({ organizationId: ORG, userId: 'carol', role: 'MANAGER', createdAt: T0 + 1000 });
    const members = value(await w.listMembers.execute(staff, { organizationId: ORG }));
    expect(members.map((m) => m.userId)).toEqual(['owner-1', 'manager-1', 'staff-1', 'carol']);
  });

  it('adding an OWNER is for admins; managers add nobody; a second add → ALREADY_MEMBER', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    expect(errorType(await w.addMember.execute(owner, { organizationId: ORG, userId: 'carol', role: 'OWNER' }))).toBe('FORBIDDEN');
    expect(errorType(await w.addMember.execute(manager, { organizationId: ORG, userId: 'carol', role: 'STAFF' }))).toBe('FORBIDDEN');
    expect(value(await w.addMember.execute(admin, { organizationId: ORG, userId: 'carol', role: 'OWNER' })).role).toBe('OWNER');
    expect(errorType(await w.addMember.execute(admin, { organizationId: ORG, userId: 'carol', role: 'STAFF' }))).toBe('ALREADY_MEMBER');
    expect(errorType(await w.addMember.execute(otherOwner, { organizationId: ORG, userId: 'x', role: 'STAFF' }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(await w.addMember.execute(owner, { organizationId: ORG, userId: ' ', role: 'STAFF' })).toMatchObject({ ok: false, error: { field: 'userId' } });
  });

  it('role changes follow the domain: owners move staff and managers, only admins touch owners', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    expect(value(await w.changeMemberRole.execute(owner, { organizationId: ORG, userId: 'staff-1', role: 'MANAGER' })).role).toBe('MANAGER');
    expect((await w.organizations.findMember(null, ORG, 'staff-1'))?.role).toBe('MANAGER');
    expect(errorType(await w.changeMemberRole.execute(owner, { organizationId: ORG, userId: 'manager-1', role: 'OWNER' }))).toBe('FORBIDDEN');
    expect(errorType(await w.changeMemberRole.execute(owner, { organizationId: ORG, userId: 'nobody', role: 'STAFF' }))).toBe('MEMBER_NOT_FOUND');
    expect(value(await w.changeMemberRole.execute(admin, { organizationId: ORG, userId: 'owner-1', role: 'STAFF' })).role).toBe('STAFF');
  });

  it('removal: owners remove managers and staff, only admins remove owners; the member loses access at once', async () => {
    const w = engagementWorld();
    await w.seedOrganizations();
    expect(errorType(await w.removeMember.execute(owner, { organizationId: ORG, userId: 'owner-1' }))).toBe('FORBIDDEN');
    expect(errorType(await w.removeMember.execute(staff, { organizationId: ORG, userId: 'manager-1' }))).toBe('FORBIDDEN');
    value(await w.removeMember.execute(owner, { organizationId: ORG, userId: 'staff-1' }));
    expect(errorType(await w.removeMember.execute(owner, { organizationId: ORG, userId: 'staff-1' }))).toBe('MEMBER_NOT_FOUND');
    const fresh = await w.resolveActor.execute({ sub: 'staff-1', roles: ['USER'] });
    expect(errorType(await w.getOrganization.execute({ actor: fresh, correlationId: 'c' }, { organizationId: ORG }))).toBe('ORGANIZATION_NOT_FOUND');
    value(await w.removeMember.execute(admin, { organizationId: ORG, userId: 'owner-1' }));
    expect(await w.organizations.membershipsOf(null, 'owner-1')).toEqual([]);
    expect(errorType(await w.listMembers.execute(otherOwner, { organizationId: ORG }))).toBe('ORGANIZATION_NOT_FOUND');
    expect(value(await w.listMembers.execute(otherOwner, { organizationId: OTHER_ORG })).map((m) => m.userId)).toEqual(['owner-2']);
  });
});
