import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainInvariantError } from '../shared/result.js';
import {
  GUEST,
  accessDecision,
  actorFromClaims,
  actorId,
  hasRole,
  isAdmin,
  isOrganiserOf,
  memberRole,
  systemActor,
} from './actor.js';
import { aUser, ORG, OTHER_ORG } from './actor.test-support.js';

describe('actorFromClaims', () => {
  it('reads role names case-insensitively and in a fixed order', () => {
    const actor = actorFromClaims({ sub: 'u-1', roles: ['Organizer', 'user', ' admin '] });
    expect(actor).toEqual({ kind: 'user', id: 'u-1', roles: ['USER', 'ORGANIZER', 'ADMIN'], memberships: [] });
  });

  it('drops unknown roles and duplicates (Keycloak adds its own)', () => {
    const actor = actorFromClaims({ sub: 'u-1', roles: ['offline_access', 'default-roles-aquastream', 'USER', 'User', 42] });
    expect(actor).toEqual({ kind: 'user', id: 'u-1', roles: ['USER'], memberships: [] });
  });

  it('keeps the memberships it is given', () => {
    const memberships = [{ organizationId: ORG, role: 'STAFF' as const }];
    expect(actorFromClaims({ sub: 'u-1', roles: [], memberships })).toMatchObject({ memberships });
  });

  it('signs in a subject without any known role: user rights come from being signed in', () => {
    expect(actorFromClaims({ sub: 'u-1' })).toEqual({ kind: 'user', id: 'u-1', roles: [], memberships: [] });
  });

  it.each([[undefined], [null], [''], ['   ']])('sub %j → guest, whatever the roles say', (sub) => {
    expect(actorFromClaims({ sub, roles: ['ADMIN'] })).toEqual({ kind: 'guest' });
  });

  it('never yields a role outside USER, ORGANIZER, ADMIN', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('user', 'ORGANIZER', 'Admin'))), (roles) => {
        const actor = actorFromClaims({ sub: 'u', roles });
        if (actor.kind !== 'user') return false;
        return actor.roles.every((r) => r === 'USER' || r === 'ORGANIZER' || r === 'ADMIN') &&
          new Set(actor.roles).size === actor.roles.length;
      }),
    );
  });
});

describe('systemActor and isAdmin', () => {
  it('a system actor has admin rights and keeps its id for the audit', () => {
    const cli = systemActor('cli:alice');
    expect(cli).toEqual({ kind: 'system', id: 'cli:alice' });
    expect(isAdmin(cli)).toBe(true);
    expect(actorId(cli)).toBe('cli:alice');
  });

  it('refuses an empty id (a caller bug)', () => {
    expect(() => systemActor(' ')).toThrow(DomainInvariantError);
  });

  it('the ADMIN role makes an admin; ORGANIZER does not', () => {
    expect(isAdmin(aUser('a', ['ADMIN']))).toBe(true);
    expect(isAdmin(aUser('o', ['ORGANIZER', 'USER']))).toBe(false);
    expect(isAdmin(GUEST)).toBe(false);
  });

  it('actorId is null only for a guest', () => {
    expect(actorId(GUEST)).toBeNull();
    expect(actorId(aUser('u-7'))).toBe('u-7');
  });

  it('hasRole is false for guests and system actors (they carry no token roles)', () => {
    expect(hasRole(GUEST, 'USER')).toBe(false);
    expect(hasRole(systemActor('scheduler'), 'ADMIN')).toBe(false);
  });
});

describe('memberRole', () => {
  it('returns the role in the asked organisation only', () => {
    const actor = aUser('u', ['USER'], [{ organizationId: ORG, role: 'MANAGER' }]);
    expect(memberRole(actor, ORG)).toBe('MANAGER');
    expect(memberRole(actor, OTHER_ORG)).toBeNull();
  });

  it('picks the strongest of duplicate memberships', () => {
    const actor = aUser('u', ['USER'], [
      { organizationId: ORG, role: 'STAFF' },
      { organizationId: ORG, role: 'OWNER' },
      { organizationId: ORG, role: 'MANAGER' },
    ]);
    expect(memberRole(actor, ORG)).toBe('OWNER');
  });

  it('guests and system actors are members of nothing', () => {
    expect(memberRole(GUEST, ORG)).toBeNull();
    expect(memberRole(systemActor('scheduler'), ORG)).toBeNull();
  });

  it('isOrganiserOf: owner and manager of that organisation, or an admin', () => {
    expect(isOrganiserOf(aUser('u', [], [{ organizationId: ORG, role: 'STAFF' }]), ORG)).toBe(false);
    expect(isOrganiserOf(aUser('u', [], [{ organizationId: OTHER_ORG, role: 'OWNER' }]), ORG)).toBe(false);
    expect(isOrganiserOf(aUser('u', [], [{ organizationId: ORG, role: 'MANAGER' }]), ORG)).toBe(true);
    expect(isOrganiserOf(systemActor('scheduler'), ORG)).toBe(true);
  });
});

describe('accessDecision', () => {
  it('hides what may not be seen, even when the action would be allowed', () => {
    expect(accessDecision(false, true)).toBe('NOT_FOUND');
    expect(accessDecision(false, false)).toBe('NOT_FOUND');
  });

  it('forbids what is seen but not allowed, and allows the rest', () => {
    expect(accessDecision(true, false)).toBe('FORBIDDEN');
    expect(accessDecision(true, true)).toBe('ALLOWED');
  });
});
