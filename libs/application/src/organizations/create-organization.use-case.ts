import { canCreateOrganization, canSetOrganizationPolicies, domainError, err, isAdmin, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { Organization, OrganizationRepository } from '../ports/organization-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { toOrganizationView, type OrganizationView } from './organization.view.js';
import { freeSlug, isValidSlug, slugify } from './slug.js';

export const ORGANIZATION_NAME_MAX_LENGTH = 200;

export type CreateOrganizationRequest = {
  readonly name: string;
  /** Chosen by the caller; taken → ORGANIZATION_SLUG_TAKEN. Absent: derived from the name, numbered if taken. */
  readonly slug?: string;
  /** Marketplace controls (admins only, `canSetOrganizationPolicies`); default false. */
  readonly reviewRequired?: boolean;
  readonly moderateReviews?: boolean;
  /** Admins may found an organisation for someone else; by default the caller becomes its OWNER. */
  readonly ownerUserId?: string;
};

/** POST /organizations: an organiser (or admin) founds an organisation and becomes its OWNER (DESIGN §3.8). */
export class CreateOrganizationUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: CreateOrganizationRequest): Promise<Result<OrganizationView, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to create an organisation'));
    if (!canCreateOrganization(actor)) return err(domainError('FORBIDDEN', 'only organisers and admins create organisations'));
    const wantsPolicies = input.reviewRequired === true || input.moderateReviews === true;
    if (wantsPolicies && !canSetOrganizationPolicies(actor)) {
      return err(domainError('FORBIDDEN', 'only admins set reviewRequired and moderateReviews'));
    }
    if (input.ownerUserId !== undefined && !isAdmin(actor)) {
      return err(domainError('FORBIDDEN', 'only admins found an organisation for someone else'));
    }
    const name = input.name.trim();
    if (name === '' || name.length > ORGANIZATION_NAME_MAX_LENGTH) {
      return err(appError('INVALID_REQUEST', `a name is 1 to ${ORGANIZATION_NAME_MAX_LENGTH} characters`, { field: 'name' }));
    }
    if (input.slug !== undefined && !isValidSlug(input.slug)) {
      return err(appError('INVALID_REQUEST', 'a slug is lower-case letters, digits and single hyphens', { field: 'slug' }));
    }
    const owner = input.ownerUserId ?? (actor.kind === 'user' ? actor.id : null);
    const id = this.ids.next();
    const now = this.clock.now();

    try {
      const org = await this.uow.run(async (tx) => {
        const taken = async (slug: string) => (await this.organizations.findBySlug(tx, slug)) !== null;
        let slug = input.slug;
        if (slug !== undefined && (await taken(slug))) return null;
        slug ??= await freeSlug(slugify(name, 'organization'), id, taken);
        const created: Organization = {
          id,
          name,
          slug,
          reviewRequired: input.reviewRequired ?? false,
          moderateReviews: input.moderateReviews ?? false,
          createdAt: now,
        };
        await this.organizations.insert(tx, created);
        // A system actor (the CLI) founding one without naming an owner leaves it to an admin to add members.
        if (owner !== null) await this.organizations.addMember(tx, { organizationId: id, userId: owner, role: 'OWNER', createdAt: now });
        return created;
      });
      if (org === null) return err(appError('ORGANIZATION_SLUG_TAKEN', `the slug "${input.slug ?? ''}" is taken`));
      return ok(toOrganizationView(org));
    } catch (error) {
      // Another request took the slug between the check and the insert.
      if (error instanceof ConflictError && error.constraint === 'organization_slug') {
        return err(appError('ORGANIZATION_SLUG_TAKEN', 'the slug was taken meanwhile; try again'));
      }
      throw error;
    }
  }
}
