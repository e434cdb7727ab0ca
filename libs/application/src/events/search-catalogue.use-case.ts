import { isPublicEventStatus, nonPublicEventScope, ok, err, type EventStatus, type Instant, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { CategoryRepository } from '../ports/category-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { CatalogueQuery, CatalogueSort, EventRepository } from '../ports/event-repository.port.js';
import { MAX_PAGE_SIZE, pageOf, type Page } from '../shared/pagination.js';
import { categorySubtree } from './category-check.js';
import { toEventView, type EventView } from './event-view.js';

/** `GET /events` (DESIGN §4). */
export type SearchCatalogueQuery = {
  /** Case-insensitive text in the title or description. */
  readonly q?: string;
  /** A category id or slug; its subcategories are included. */
  readonly category?: string;
  /** Start time window, both ends inclusive. */
  readonly from?: Instant;
  readonly to?: Instant;
  readonly featured?: boolean;
  readonly organizationId?: string;
  /** Non-public statuses only reach the organisers of their organisation and admins. */
  readonly statuses?: readonly EventStatus[];
  readonly sort?: CatalogueSort;
  readonly page?: number;
  readonly size?: number;
};

export const DEFAULT_CATALOGUE_PAGE_SIZE = 20;
const Q_MAX_LENGTH = 200;

const invalid = (field: string, detail: string): AppError => appError('INVALID_REQUEST', detail, { field });

/**
 * The catalogue. Without `statuses`: `PUBLISHED` events not yet started. With them, a guest or a user outside
 * every organisation gets only the public ones among those asked for (`PUBLISHED`, `CANCELED`, `COMPLETED`); members
 * see their organisations' drafts, scheduled and in-review events too, admins all of them.
 */
export class SearchCatalogueUseCase {
  constructor(
    private readonly events: EventRepository,
    private readonly categories: CategoryRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: SearchCatalogueQuery): Promise<Result<Page<EventView>, AppError>> {
    const page = input.page ?? 1;
    const size = input.size ?? DEFAULT_CATALOGUE_PAGE_SIZE;
    if (!Number.isSafeInteger(page) || page < 1) return err(invalid('page', 'page is an integer from 1'));
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      return err(invalid('size', `size is an integer from 1 to ${MAX_PAGE_SIZE}`));
    }
    const request = { page, size };
    const q = input.q?.trim() ?? '';
    if (q.length > Q_MAX_LENGTH) return err(invalid('q', `q has at most ${Q_MAX_LENGTH} characters`));

    let categoryIds: readonly string[] | undefined;
    if (input.category !== undefined) {
      categoryIds = await categorySubtree(this.categories, input.category);
      if (categoryIds.length === 0) return ok(pageOf([], 0, request));
    }
    let statuses: readonly EventStatus[] | undefined;
    const scope = nonPublicEventScope(ctx.actor);
    if (input.statuses !== undefined && input.statuses.length > 0) {
      statuses = scope === 'ALL' || scope.length > 0 ? [...new Set(input.statuses)] : input.statuses.filter(isPublicEventStatus);
      if (statuses.length === 0) return ok(pageOf([], 0, request));
    }
    const query: CatalogueQuery = {
      ...request,
      sort: input.sort ?? 'startsAt',
      now: this.clock.now(),
      ...(q === '' ? {} : { q }),
      ...(categoryIds === undefined ? {} : { categoryIds }),
      ...(input.from === undefined ? {} : { from: input.from }),
      ...(input.to === undefined ? {} : { to: input.to }),
      ...(input.featured === undefined ? {} : { featured: input.featured }),
      ...(input.organizationId === undefined ? {} : { organizationId: input.organizationId }),
      ...(statuses === undefined ? {} : { statuses, visibleOrganizationIds: scope }),
    };
    const found = await this.events.search(query);
    return ok(pageOf(found.items.map(toEventView), found.total, request));
  }
}
