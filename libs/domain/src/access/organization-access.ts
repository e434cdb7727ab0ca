import { hasMemberRole, hasRole, isAdmin, isOrganiserOf, memberRole } from './actor.js';
import type { Actor, MemberRole } from './actor.types.js';

/** An organiser (or admin) founds an organisation and becomes its `OWNER`. */
export const canCreateOrganization = (actor: Actor): boolean => isAdmin(actor) || hasRole(actor, 'ORGANIZER');

/** The organisation and its member list: its members and admins. `false` answers 404. */
export const canViewOrganization = (actor: Actor, organizationId: string): boolean =>
  isAdmin(actor) || memberRole(actor, organizationId) !== null;

/** Name and slug: the owner and admins. */
export const canUpdateOrganization = (actor: Actor, organizationId: string): boolean =>
  isAdmin(actor) || hasMemberRole(actor, organizationId, ['OWNER']);

/**
 * `reviewRequired` and `moderateReviews` are the marketplace's controls over an organisation, so only admins
 * change them; an owner switching off the review of their own events would defeat its purpose.
 */
export const canSetOrganizationPolicies = (actor: Actor): boolean => isAdmin(actor);

export const canManageMembers = (actor: Actor, organizationId: string): boolean =>
  isAdmin(actor) || hasMemberRole(actor, organizationId, ['OWNER']);

/**
 * Owners add managers and staff (DESIGN §3.8). Another owner can take the organisation over (remove the
 * first owner, refund at will), so only an admin hands out `OWNER`.
 */
export function canAddMemberWithRole(actor: Actor, organizationId: string, role: MemberRole): boolean {
  if (isAdmin(actor)) return true;
  if (!canManageMembers(actor, organizationId)) return false;
  switch (role) {
    case 'OWNER':
      return false;
    case 'MANAGER':
    case 'STAFF':
      return true;
  }
}

/** The same line as adding: owners remove managers and staff; only an admin removes an owner. */
export const canRemoveMember = (actor: Actor, organizationId: string, currentRole: MemberRole): boolean =>
  canAddMemberWithRole(actor, organizationId, currentRole);

/** A role change is a removal from the old role and an addition to the new one. */
export const canChangeMemberRole = (actor: Actor, organizationId: string, from: MemberRole, to: MemberRole): boolean =>
  canRemoveMember(actor, organizationId, from) && canAddMemberWithRole(actor, organizationId, to);

/** Promo codes belong to an organisation: its owners and managers, admins. */
export const canManagePromoCodes = (actor: Actor, organizationId: string): boolean => isOrganiserOf(actor, organizationId);
