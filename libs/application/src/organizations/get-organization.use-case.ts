import { ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import { toOrganizationView, type OrganizationView } from './organization.view.js';
import { loadVisibleOrganization } from './visible-organization.js';

/** GET /organizations/{id}: its members and admins; anyone else gets ORGANIZATION_NOT_FOUND. */
export class GetOrganizationUseCase {
  constructor(private readonly organizations: OrganizationRepository) {}

  async execute(ctx: UseCaseContext, input: { readonly organizationId: string }): Promise<Result<OrganizationView, AppError>> {
    const found = await loadVisibleOrganization(this.organizations, ctx.actor, input.organizationId);
    return found.ok ? ok(toOrganizationView(found.value)) : found;
  }
}
