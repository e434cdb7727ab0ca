import { canRemoveMember, domainError, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { loadVisibleOrganization } from './visible-organization.js';

/** DELETE /organizations/{id}/members/{userId}: owners remove managers and staff; only admins remove owners. */
export class RemoveMemberUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly organizationId: string; readonly userId: string }): Promise<Result<void, AppError>> {
    const found = await loadVisibleOrganization(this.organizations, ctx.actor, input.organizationId);
    if (!found.ok) return found;
    const member = await this.organizations.findMember(null, input.organizationId, input.userId);
    if (member === null) return err(appError('MEMBER_NOT_FOUND', `user ${input.userId} is not a member`));
    if (!canRemoveMember(ctx.actor, input.organizationId, member.role)) {
      return err(domainError('FORBIDDEN', member.role === 'OWNER' ? 'only admins remove owners' : 'only owners and admins remove members'));
    }
    // Removed concurrently by someone else: the outcome the caller wanted, so not an error.
    await this.uow.run((tx) => this.organizations.removeMember(tx, input.organizationId, input.userId));
    return ok(undefined);
  }
}
