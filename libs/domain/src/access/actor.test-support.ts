// Actors for tests only (excluded from the build by tsconfig.lib.json). Built as literals, not through
// `actorFromClaims`, so that the predicates are tested independently of claim parsing.
import type { Actor, Membership, Role } from './actor.types.js';

/** The organisation the fixtures' events and bookings belong to (as in shared/fixtures.test-support.ts). */
export const ORG = 'org-1';
export const OTHER_ORG = 'org-2';

export function aUser(id: string, roles: readonly Role[] = ['USER'], memberships: readonly Membership[] = []): Actor {
  return { kind: 'user', id, roles, memberships };
}

/** The cast of the access matrix, in its column order. `user` owns the fixture booking (`user-1`). */
export const CAST = {
  guest: { kind: 'guest' },
  user: aUser('user-1'),
  otherOrganiser: aUser('owner-2', ['USER', 'ORGANIZER'], [{ organizationId: OTHER_ORG, role: 'OWNER' }]),
  staff: aUser('staff-1', ['USER'], [{ organizationId: ORG, role: 'STAFF' }]),
  manager: aUser('manager-1', ['USER', 'ORGANIZER'], [{ organizationId: ORG, role: 'MANAGER' }]),
  owner: aUser('owner-1', ['USER', 'ORGANIZER'], [{ organizationId: ORG, role: 'OWNER' }]),
  admin: aUser('admin-1', ['ADMIN']),
  system: { kind: 'system', id: 'cli:alice' },
} as const satisfies Record<string, Actor>;

export type CastName = keyof typeof CAST;
export const CAST_NAMES = Object.keys(CAST) as CastName[];
