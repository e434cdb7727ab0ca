import { canChangeMemberRole, domainError, err, ok, type MemberRole, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toMemberView, type OrganizationMemberView } from './organization.view.js';
import { loadVisibleOrganization } from './visible-organization.js';

export type ChangeMemberRoleRequest = { readonly organizationId: string; readonly userId: string; readonly role: MemberRole };

/** PATCH /organizations/{id}/members/{userId}: a removal from the old role plus an addition to the new one. */
export class ChangeMemberRoleUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: ChangeMemberRoleRequest): Promise<Result<OrganizationMemberView, AppError>> {
    const found = await loadVisibleOrganization(this.organizations, ctx.actor, input.organizationId);
    if (!found.ok) return found;
    const member = await this.organizations.findMember(null, input.organizationId, input.userId);
    if (member === null) return err(appError('MEMBER_NOT_FOUND', `user ${input.userId} is not a member`));
    if (member.role === input.role) return ok(toMemberView(member));
    if (!canChangeMemberRole(ctx.actor, input.organizationId, member.role, input.role)) {
      return err(domainError('FORBIDDEN', 'owners change managers and staff; only admins make or unmake owners'));
    }
    const changed = await this.uow.run((tx) => this.organizations.updateMemberRole(tx, input.organizationId, input.userId, input.role));
    if (!changed) return err(appError('MEMBER_NOT_FOUND', `user ${input.userId} is no longer a member`));
    return ok(toMemberView({ ...member, role: input.role }));
  }
}
