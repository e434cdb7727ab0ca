import type { EventState, EventStatus } from '../event/event.types.js';
import { ANY_MEMBER_ROLES, hasMemberRole, hasRole, isAdmin, isOrganiserOf, memberRole } from './actor.js';
import type { Actor } from './actor.types.js';

type EventRef = Pick<EventState, 'organizationId' | 'status'>;

/** Whether anyone may see an event in this state; the others exist only for its organisation and admins. */
export function isPublicEventStatus(status: EventStatus): boolean {
  switch (status) {
    case 'PUBLISHED':
    case 'CANCELED':
    case 'COMPLETED':
      return true;
    case 'DRAFT':
    case 'SCHEDULED':
    case 'IN_REVIEW':
      return false;
  }
}

/** `GET /events/{id}`, the calendar and the PDF. A `false` answers 404, never 403. */
export const canViewEvent = (actor: Actor, event: EventRef): boolean =>
  isPublicEventStatus(event.status) || isAdmin(actor) || memberRole(actor, event.organizationId) !== null;

/**
 * Which organisations' non-public events a list may include for this actor: all of them for admins,
 * otherwise those the actor is a member of (any role, as for `canViewEvent`).
 */
export function nonPublicEventScope(actor: Actor): 'ALL' | readonly string[] {
  if (isAdmin(actor)) return 'ALL';
  if (actor.kind !== 'user') return [];
  return [...new Set(actor.memberships.map((m) => m.organizationId))];
}

/** Edit, delete, publish, submit, unschedule, cancel, request crew, FAQ: owners and managers, admins. */
export const canManageEvent = (actor: Actor, event: EventRef): boolean => isOrganiserOf(actor, event.organizationId);

/**
 * `POST /events` is for organisers (DESIGN §4), so besides owning or managing the organisation the caller
 * needs the `ORGANIZER` role: a manager whose `ORGANIZER` role was revoked may still edit existing events
 * (by membership) but cannot add new ones.
 */
export const canCreateEventIn = (actor: Actor, organizationId: string): boolean =>
  isAdmin(actor) || (hasRole(actor, 'ORGANIZER') && hasMemberRole(actor, organizationId, ['OWNER', 'MANAGER']));

/** Approve or reject a submitted event: the marketplace's check, so never the organisation's own people. */
export const canApproveEvent = (actor: Actor): boolean => isAdmin(actor);

/** Attendee list (also as CSV): staff need it at the door. */
export const canListAttendees = (actor: Actor, event: EventRef): boolean =>
  isAdmin(actor) || hasMemberRole(actor, event.organizationId, ANY_MEMBER_ROLES);

export const canCheckIn = (actor: Actor, event: EventRef): boolean =>
  isAdmin(actor) || hasMemberRole(actor, event.organizationId, ANY_MEMBER_ROLES);

/** Stats carry revenue: organisers and admins only, not staff (DESIGN §4 "organiser, admin"). */
export const canViewEventStats = (actor: Actor, event: EventRef): boolean => isOrganiserOf(actor, event.organizationId);

/** `GET /events/{id}/waitlist` is "for organisers": owners and managers, admins. */
export const canViewEventWaitlist = (actor: Actor, event: EventRef): boolean =>
  isOrganiserOf(actor, event.organizationId);
