import { ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import { toMemberView, type OrganizationMemberView } from './organization.view.js';
import { loadVisibleOrganization } from './visible-organization.js';

/** GET /organizations/{id}/members: the members (oldest first) for its members and admins. */
export class ListMembersUseCase {
  constructor(private readonly organizations: OrganizationRepository) {}

  async execute(ctx: UseCaseContext, input: { readonly organizationId: string }): Promise<Result<readonly OrganizationMemberView[], AppError>> {
    const found = await loadVisibleOrganization(this.organizations, ctx.actor, input.organizationId);
    if (!found.ok) return found;
    const members = await this.organizations.listMembers(input.organizationId);
    return ok(members.map(toMemberView));
  }
}
