import { err, isAdmin, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import { pageOf, type Page, type PageRequest } from '../shared/pagination.js';
import { toOrganizationView, type OrganizationView } from './organization.view.js';

export type ListOrganizationsRequest = PageRequest & {
  /** `mine`: the caller's organisations. `all`: every one (admins; the default for them). */
  readonly scope?: 'mine' | 'all';
};

/** GET /organizations: the caller's organisations, or all of them for admins. */
export class ListOrganizationsUseCase {
  constructor(private readonly organizations: OrganizationRepository) {}

  async execute(ctx: UseCaseContext, input: ListOrganizationsRequest): Promise<Result<Page<OrganizationView>, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to list organisations'));
    const page = { page: input.page, size: input.size };
    const all = isAdmin(actor) && input.scope !== 'mine';
    // A system actor is a member of nothing, so "mine" is empty for it.
    const filter = all ? {} : { memberUserId: actor.kind === 'user' ? actor.id : '' };
    const { items, total } = await this.organizations.list(page, filter);
    return ok(pageOf(items.map(toOrganizationView), total, page));
  }
}
