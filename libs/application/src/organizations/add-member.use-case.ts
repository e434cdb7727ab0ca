import { canAddMemberWithRole, domainError, err, ok, type MemberRole, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { OrganizationMember, OrganizationRepository } from '../ports/organization-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toMemberView, type OrganizationMemberView } from './organization.view.js';
import { loadVisibleOrganization } from './visible-organization.js';

export type AddMemberRequest = { readonly organizationId: string; readonly userId: string; readonly role: MemberRole };

/** POST /organizations/{id}/members: owners add managers and staff; only admins add owners. */
export class AddMemberUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: AddMemberRequest): Promise<Result<OrganizationMemberView, AppError>> {
    const found = await loadVisibleOrganization(this.organizations, ctx.actor, input.organizationId);
    if (!found.ok) return found;
    if (!canAddMemberWithRole(ctx.actor, input.organizationId, input.role)) {
      return err(domainError('FORBIDDEN', input.role === 'OWNER' ? 'only admins add owners' : 'only owners and admins add members'));
    }
    const userId = input.userId.trim();
    if (userId === '') return err(appError('INVALID_REQUEST', 'a member needs a user id', { field: 'userId' }));
    const member: OrganizationMember = { organizationId: input.organizationId, userId, role: input.role, createdAt: this.clock.now() };
    try {
      await this.uow.run((tx) => this.organizations.addMember(tx, member));
    } catch (error) {
      if (error instanceof ConflictError && error.constraint === 'organization_member') {
        return err(appError('ALREADY_MEMBER', `user ${userId} is already a member; change their role instead`));
      }
      throw error;
    }
    return ok(toMemberView(member));
  }
}
