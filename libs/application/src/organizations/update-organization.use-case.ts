import { canSetOrganizationPolicies, canUpdateOrganization, domainError, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { Organization, OrganizationRepository } from '../ports/organization-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { ORGANIZATION_NAME_MAX_LENGTH } from './create-organization.use-case.js';
import { toOrganizationView, type OrganizationView } from './organization.view.js';
import { isValidSlug } from './slug.js';
import { loadVisibleOrganization } from './visible-organization.js';

export type UpdateOrganizationRequest = {
  readonly organizationId: string;
  readonly name?: string;
  /** Renaming keeps the slug (links stay valid); a new slug must be asked for. */
  readonly slug?: string;
  readonly reviewRequired?: boolean;
  readonly moderateReviews?: boolean;
};

/**
 * PATCH /organizations/{id}. Name and slug: its owner and admins (`canUpdateOrganization`); the two policies: admins
 * only (`canSetOrganizationPolicies`). Asking for a value it already has is not a change and needs no right.
 */
export class UpdateOrganizationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: UpdateOrganizationRequest): Promise<Result<OrganizationView, AppError>> {
    const { actor } = ctx;
    const found = await loadVisibleOrganization(this.organizations, actor, input.organizationId);
    if (!found.ok) return found;
    const current = found.value;
    const name = input.name?.trim() ?? current.name;
    if (name === '' || name.length > ORGANIZATION_NAME_MAX_LENGTH) {
      return err(appError('INVALID_REQUEST', `a name is 1 to ${ORGANIZATION_NAME_MAX_LENGTH} characters`, { field: 'name' }));
    }
    const slug = input.slug ?? current.slug;
    if (!isValidSlug(slug)) {
      return err(appError('INVALID_REQUEST', 'a slug is lower-case letters, digits and single hyphens', { field: 'slug' }));
    }
    const next: Organization = {
      ...current,
      name,
      slug,
      reviewRequired: input.reviewRequired ?? current.reviewRequired,
      moderateReviews: input.moderateReviews ?? current.moderateReviews,
    };
    const identityChanged = next.name !== current.name || next.slug !== current.slug;
    const policiesChanged = next.reviewRequired !== current.reviewRequired || next.moderateReviews !== current.moderateReviews;
    if (identityChanged && !canUpdateOrganization(actor, current.id)) {
      return err(domainError('FORBIDDEN', "only the organisation's owner and admins rename it"));
    }
    if (policiesChanged && !canSetOrganizationPolicies(actor)) {
      return err(domainError('FORBIDDEN', 'only admins set reviewRequired and moderateReviews'));
    }
    if (!identityChanged && !policiesChanged) return ok(toOrganizationView(current));
    try {
      await this.uow.run((tx) => this.organizations.update(tx, next));
    } catch (error) {
      if (error instanceof ConflictError && error.constraint === 'organization_slug') {
        return err(appError('ORGANIZATION_SLUG_TAKEN', `the slug "${slug}" is taken`));
      }
      throw error;
    }
    return ok(toOrganizationView(next));
  }
}
