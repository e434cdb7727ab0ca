import { DomainInvariantError } from '../shared/result.js';
import type { Actor, MemberRole, Membership, Role } from './actor.types.js';

export const GUEST: Actor = { kind: 'guest' };

const KNOWN_ROLES: readonly Role[] = ['USER', 'ORGANIZER', 'ADMIN'];

// When a data error leaves two memberships of one organisation, the stronger one wins, so a stale STAFF row
// cannot lock an owner out of their own organisation.
const MEMBER_RANK: Readonly<Record<MemberRole, number>> = { OWNER: 3, MANAGER: 2, STAFF: 1 };

export type Claims = {
  readonly sub?: string | null;
  /** Raw role names from the token (`roles` or Keycloak's `realm_access.roles`); any case. */
  readonly roles?: readonly unknown[] | null;
  /** From the organisation store, not from the token. */
  readonly memberships?: readonly Membership[] | null;
};

function parseRole(raw: unknown): Role | null {
  if (typeof raw !== 'string') return null;
  const upper = raw.trim().toUpperCase();
  return KNOWN_ROLES.find((r) => r === upper) ?? null;
}

/**
 * The actor behind a verified token. Role names are case-insensitive; names the service does not know
 * (Keycloak adds `offline_access`, `default-roles-…`) are dropped rather than rejected. No `sub` → guest.
 */
export function actorFromClaims(claims: Claims): Actor {
  const sub = claims.sub ?? '';
  if (sub.trim() === '') return GUEST;
  const roles = new Set<Role>();
  for (const raw of claims.roles ?? []) {
    const role = parseRole(raw);
    if (role !== null) roles.add(role);
  }
  return {
    kind: 'user',
    id: sub,
    roles: KNOWN_ROLES.filter((r) => roles.has(r)),
    memberships: claims.memberships ?? [],
  };
}

/** The scheduler (`scheduler`) or an admin at the CLI (`cli:alice`): admin rights, its id on every audit row. */
export function systemActor(id: string): Actor {
  if (id.trim() === '') throw new DomainInvariantError('INVALID_ARGUMENT', 'a system actor needs an id');
  return { kind: 'system', id };
}

/** The id written to audit rows; `null` for a guest. */
export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case 'guest':
      return null;
    case 'user':
    case 'system':
      return actor.id;
  }
}

/**
 * A signed-in person. User-level rights (book, review, vote, favour) come from being signed in, not from
 * the `USER` role, so a token that carries only `ORGANIZER` still books like anyone else.
 */
export const isSignedIn = (actor: Actor): actor is Extract<Actor, { kind: 'user' }> => actor.kind === 'user';

export const hasRole = (actor: Actor, role: Role): boolean => actor.kind === 'user' && actor.roles.includes(role);

export const isAdmin = (actor: Actor): boolean => actor.kind === 'system' || hasRole(actor, 'ADMIN');

/** The actor's role in the organisation, or `null` (guests and system actors are members of nothing). */
export function memberRole(actor: Actor, organizationId: string): MemberRole | null {
  if (actor.kind !== 'user') return null;
  let best: MemberRole | null = null;
  for (const m of actor.memberships) {
    if (m.organizationId !== organizationId) continue;
    if (best === null || MEMBER_RANK[m.role] > MEMBER_RANK[best]) best = m.role;
  }
  return best;
}

/** Member of the organisation with one of `roles`; admins are not members and are checked separately. */
export function hasMemberRole(actor: Actor, organizationId: string, roles: readonly MemberRole[]): boolean {
  const role = memberRole(actor, organizationId);
  return role !== null && roles.includes(role);
}

export const ORGANISER_ROLES: readonly MemberRole[] = ['OWNER', 'MANAGER'];
export const ANY_MEMBER_ROLES: readonly MemberRole[] = ['OWNER', 'MANAGER', 'STAFF'];

/** An owner or manager of the organisation, or an admin: who "organiser" means in DESIGN §4. */
export const isOrganiserOf = (actor: Actor, organizationId: string): boolean =>
  isAdmin(actor) || hasMemberRole(actor, organizationId, ORGANISER_ROLES);

export type AccessDecision = 'ALLOWED' | 'NOT_FOUND' | 'FORBIDDEN';

/**
 * DESIGN §3.8: what the caller may not see answers 404 (ids do not leak); what they see but may not do, 403.
 * Visibility is asked first so that a refused action never confirms that a hidden entity exists.
 */
export function accessDecision(canSee: boolean, canDo: boolean): AccessDecision {
  if (!canSee) return 'NOT_FOUND';
  return canDo ? 'ALLOWED' : 'FORBIDDEN';
}
