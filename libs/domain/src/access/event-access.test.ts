import { describe, expect, it } from 'vitest';
import { anEvent } from '../shared/fixtures.test-support.js';
import { GUEST, systemActor } from './actor.js';
import { aUser, CAST, ORG, OTHER_ORG } from './actor.test-support.js';
import { canCreateEventIn, canManageEvent, canViewEvent, isPublicEventStatus, nonPublicEventScope } from './event-access.js';

describe('event access beyond the matrix', () => {
  it('a manager without the ORGANIZER role manages existing events but creates none', () => {
    const manager = aUser('m', ['USER'], [{ organizationId: ORG, role: 'MANAGER' }]);
    expect(canManageEvent(manager, anEvent())).toBe(true);
    expect(canCreateEventIn(manager, ORG)).toBe(false);
  });

  it('the ORGANIZER role alone opens no organisation', () => {
    expect(canCreateEventIn(aUser('o', ['ORGANIZER']), ORG)).toBe(false);
  });

  it('staff of an organisation see its drafts; staff of another do not', () => {
    const draft = anEvent({ status: 'DRAFT', organizationId: ORG });
    expect(canViewEvent(aUser('s', ['USER'], [{ organizationId: ORG, role: 'STAFF' }]), draft)).toBe(true);
    expect(canViewEvent(aUser('s', ['USER'], [{ organizationId: OTHER_ORG, role: 'STAFF' }]), draft)).toBe(false);
  });

  it('isPublicEventStatus splits the six statuses three and three', () => {
    const statuses = ['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED'] as const;
    expect(statuses.filter(isPublicEventStatus)).toEqual(['PUBLISHED', 'CANCELED', 'COMPLETED']);
  });
});

describe('nonPublicEventScope', () => {
  it('all organisations for admins and system actors', () => {
    expect(nonPublicEventScope(CAST.admin)).toBe('ALL');
    expect(nonPublicEventScope(systemActor('scheduler'))).toBe('ALL');
  });

  it("a member's own organisations, once each; nothing for guests and outsiders", () => {
    const actor = aUser('u', ['USER'], [
      { organizationId: ORG, role: 'STAFF' },
      { organizationId: OTHER_ORG, role: 'OWNER' },
      { organizationId: ORG, role: 'MANAGER' },
    ]);
    expect(nonPublicEventScope(actor)).toEqual([ORG, OTHER_ORG]);
    expect(nonPublicEventScope(GUEST)).toEqual([]);
    expect(nonPublicEventScope(CAST.user)).toEqual([]);
  });
});
