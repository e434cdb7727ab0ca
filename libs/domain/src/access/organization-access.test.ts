import { describe, expect, it } from 'vitest';
import { aUser, ORG, OTHER_ORG } from './actor.test-support.js';
import { canAddMemberWithRole, canManageMembers, canUpdateOrganization } from './organization-access.js';

describe('organisation access beyond the matrix', () => {
  it("an owner's rights stop at their own organisation", () => {
    const owner = aUser('o', ['ORGANIZER'], [{ organizationId: ORG, role: 'OWNER' }]);
    expect(canManageMembers(owner, OTHER_ORG)).toBe(false);
    expect(canAddMemberWithRole(owner, OTHER_ORG, 'STAFF')).toBe(false);
    expect(canUpdateOrganization(owner, OTHER_ORG)).toBe(false);
  });

  it('a manager adds nobody, not even staff', () => {
    const manager = aUser('m', ['ORGANIZER'], [{ organizationId: ORG, role: 'MANAGER' }]);
    expect(canAddMemberWithRole(manager, ORG, 'STAFF')).toBe(false);
  });
});
