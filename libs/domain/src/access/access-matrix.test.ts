import { describe, expect, it } from 'vitest';
import { aReview } from '../review/review.test-support.js';
import { canModerateReview, canViewReview } from '../review/review-access.js';
import { canReplyToReview } from '../review/review-reply.js';
import { aBooking, anEvent } from '../shared/fixtures.test-support.js';
import { isAdmin, isSignedIn } from './actor.js';
import { CAST, CAST_NAMES, ORG, OTHER_ORG } from './actor.test-support.js';
import type { Actor } from './actor.types.js';
import {
  bookingCancelRole,
  canCreateBooking,
  canDownloadTicket,
  canPayForBooking,
  canRefundPayment,
  canViewBooking,
  canViewPayment,
} from './booking-access.js';
import {
  canApproveEvent,
  canCheckIn,
  canCreateEventIn,
  canListAttendees,
  canManageEvent,
  canViewEvent,
  canViewEventStats,
  canViewEventWaitlist,
} from './event-access.js';
import {
  canAddMemberWithRole,
  canChangeMemberRole,
  canCreateOrganization,
  canManageMembers,
  canManagePromoCodes,
  canRemoveMember,
  canSetOrganizationPolicies,
  canUpdateOrganization,
  canViewOrganization,
} from './organization-access.js';

const Y = true;
const N = false;

// The fixture event and booking belong to org-1; the booking is owned by `user`.
const draft = anEvent({ status: 'DRAFT' });
const booking = aBooking({ userId: 'user-1' });

type Row = readonly [label: string, check: (actor: Actor) => unknown, expected: readonly unknown[]];

// Columns:                                 guest user other staff manager owner admin system
const ROWS: readonly Row[] = [
  ['isAdmin', (a) => isAdmin(a), [N, N, N, N, N, N, Y, Y]],
  ['isSignedIn', (a) => isSignedIn(a), [N, Y, Y, Y, Y, Y, Y, N]],

  ['canViewEvent DRAFT', (a) => canViewEvent(a, draft), [N, N, N, Y, Y, Y, Y, Y]],
  ['canViewEvent SCHEDULED', (a) => canViewEvent(a, anEvent({ status: 'SCHEDULED' })), [N, N, N, Y, Y, Y, Y, Y]],
  ['canViewEvent IN_REVIEW', (a) => canViewEvent(a, anEvent({ status: 'IN_REVIEW' })), [N, N, N, Y, Y, Y, Y, Y]],
  ['canViewEvent PUBLISHED', (a) => canViewEvent(a, anEvent({ status: 'PUBLISHED' })), [Y, Y, Y, Y, Y, Y, Y, Y]],
  ['canViewEvent CANCELED', (a) => canViewEvent(a, anEvent({ status: 'CANCELED' })), [Y, Y, Y, Y, Y, Y, Y, Y]],
  ['canViewEvent COMPLETED', (a) => canViewEvent(a, anEvent({ status: 'COMPLETED' })), [Y, Y, Y, Y, Y, Y, Y, Y]],
  ['canManageEvent', (a) => canManageEvent(a, draft), [N, N, N, N, Y, Y, Y, Y]],
  ['canCreateEventIn org-1', (a) => canCreateEventIn(a, ORG), [N, N, N, N, Y, Y, Y, Y]],
  ['canCreateEventIn org-2', (a) => canCreateEventIn(a, OTHER_ORG), [N, N, Y, N, N, N, Y, Y]],
  ['canApproveEvent', (a) => canApproveEvent(a), [N, N, N, N, N, N, Y, Y]],
  ['canListAttendees', (a) => canListAttendees(a, draft), [N, N, N, Y, Y, Y, Y, Y]],
  ['canCheckIn', (a) => canCheckIn(a, draft), [N, N, N, Y, Y, Y, Y, Y]],
  ['canViewEventStats', (a) => canViewEventStats(a, draft), [N, N, N, N, Y, Y, Y, Y]],
  ['canViewEventWaitlist', (a) => canViewEventWaitlist(a, draft), [N, N, N, N, Y, Y, Y, Y]],

  ['canCreateBooking', (a) => canCreateBooking(a), [N, Y, Y, Y, Y, Y, Y, N]],
  ['canViewBooking', (a) => canViewBooking(a, booking, ORG), [N, Y, N, Y, Y, Y, Y, Y]],
  ['bookingCancelRole', (a) => bookingCancelRole(a, booking, ORG),
    [null, 'OWNER', null, null, 'ORGANIZER', 'ORGANIZER', 'ADMIN', 'ADMIN']],
  ['canDownloadTicket', (a) => canDownloadTicket(a, booking, ORG), [N, Y, N, N, Y, Y, Y, Y]],
  ['canPayForBooking', (a) => canPayForBooking(a, booking), [N, Y, N, N, N, N, N, N]],
  ['canViewPayment', (a) => canViewPayment(a, booking), [N, Y, N, N, N, N, Y, Y]],
  ['canRefundPayment', (a) => canRefundPayment(a, ORG), [N, N, N, N, Y, Y, Y, Y]],

  ['canCreateOrganization', (a) => canCreateOrganization(a), [N, N, Y, N, Y, Y, Y, Y]],
  ['canViewOrganization', (a) => canViewOrganization(a, ORG), [N, N, N, Y, Y, Y, Y, Y]],
  ['canUpdateOrganization', (a) => canUpdateOrganization(a, ORG), [N, N, N, N, N, Y, Y, Y]],
  ['canSetOrganizationPolicies', (a) => canSetOrganizationPolicies(a), [N, N, N, N, N, N, Y, Y]],
  ['canManageMembers', (a) => canManageMembers(a, ORG), [N, N, N, N, N, Y, Y, Y]],
  ['canAddMemberWithRole OWNER', (a) => canAddMemberWithRole(a, ORG, 'OWNER'), [N, N, N, N, N, N, Y, Y]],
  ['canAddMemberWithRole MANAGER', (a) => canAddMemberWithRole(a, ORG, 'MANAGER'), [N, N, N, N, N, Y, Y, Y]],
  ['canAddMemberWithRole STAFF', (a) => canAddMemberWithRole(a, ORG, 'STAFF'), [N, N, N, N, N, Y, Y, Y]],
  ['canRemoveMember OWNER', (a) => canRemoveMember(a, ORG, 'OWNER'), [N, N, N, N, N, N, Y, Y]],
  ['canRemoveMember STAFF', (a) => canRemoveMember(a, ORG, 'STAFF'), [N, N, N, N, N, Y, Y, Y]],
  ['canChangeMemberRole STAFF→MANAGER', (a) => canChangeMemberRole(a, ORG, 'STAFF', 'MANAGER'), [N, N, N, N, N, Y, Y, Y]],
  ['canChangeMemberRole MANAGER→OWNER', (a) => canChangeMemberRole(a, ORG, 'MANAGER', 'OWNER'), [N, N, N, N, N, N, Y, Y]],
  ['canChangeMemberRole OWNER→STAFF', (a) => canChangeMemberRole(a, ORG, 'OWNER', 'STAFF'), [N, N, N, N, N, N, Y, Y]],
  ['canManagePromoCodes', (a) => canManagePromoCodes(a, ORG), [N, N, N, N, Y, Y, Y, Y]],

  ['canReplyToReview', (a) => canReplyToReview(a, { organizationId: ORG }), [N, N, N, N, Y, Y, Y, Y]],
  ['canModerateReview', (a) => canModerateReview(a), [N, N, N, N, N, N, Y, Y]],
  ['canViewReview ACTIVE', (a) => canViewReview(a, aReview({ status: 'ACTIVE' })), [Y, Y, Y, Y, Y, Y, Y, Y]],
  ['canViewReview PENDING (by user)', (a) => canViewReview(a, aReview({ status: 'PENDING' })), [N, Y, N, N, N, N, Y, Y]],
  ['canViewReview REJECTED (by user)', (a) => canViewReview(a, aReview({ status: 'REJECTED' })), [N, Y, N, N, N, N, Y, Y]],
];

describe('access matrix (DESIGN §3.8 and the "who" column of §4)', () => {
  it('has one expectation per actor in every row', () => {
    for (const [label, , expected] of ROWS) expect(expected, label).toHaveLength(CAST_NAMES.length);
  });

  describe.each(ROWS)('%s', (_label, check, expected) => {
    it.each(CAST_NAMES.map((name, i) => [name, expected[i]] as const))('%s → %s', (name, want) => {
      expect(check(CAST[name])).toBe(want);
    });
  });
});
