import { err, isAdmin, ok, ORGANISER_ROLES, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';
import { pageOf, type Page, type PageRequest } from '../shared/pagination.js';
import { toPromoCodeView, type PromoCodeView } from './promo-code.view.js';

export type ListPromoCodesRequest = PageRequest & { readonly organizationId?: string; readonly eventId?: string };

/**
 * GET /promo-codes: the codes of the organisations the caller organises (owner or manager), all for admins. Asking
 * for an organisation the caller does not organise gives an empty page rather than an error, as any filter would.
 */
export class ListPromoCodesUseCase {
  constructor(private readonly promos: PromoCodeRepository) {}

  async execute(ctx: UseCaseContext, input: ListPromoCodesRequest): Promise<Result<Page<PromoCodeView>, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to list promo codes'));
    const page = { page: input.page, size: input.size };
    let organizationIds: readonly string[] | undefined;
    if (isAdmin(actor)) {
      organizationIds = input.organizationId === undefined ? undefined : [input.organizationId];
    } else {
      const organised = actor.kind === 'user' ? actor.memberships.filter((m) => ORGANISER_ROLES.includes(m.role)).map((m) => m.organizationId) : [];
      organizationIds = input.organizationId === undefined ? organised : organised.filter((id) => id === input.organizationId);
    }
    const { items, total } = await this.promos.list({
      ...page,
      ...(organizationIds !== undefined ? { organizationIds } : {}),
      ...(input.eventId !== undefined ? { eventId: input.eventId } : {}),
    });
    return ok(pageOf(items.map(toPromoCodeView), total, page));
  }
}
