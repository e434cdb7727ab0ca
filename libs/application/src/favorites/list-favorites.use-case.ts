import { canViewEvent, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { FavoriteRepository } from '../ports/favorite-repository.port.js';
import { pageOf, type Page, type PageRequest } from '../shared/pagination.js';
import { toEventSummary, type FavoriteView } from './favorite.view.js';

/**
 * GET /favorites: the caller's favorites, newest first, as event summaries. An event that is no longer visible to
 * the caller (sent back to draft) is left out of the page; deleted events take their favorites with them.
 */
export class ListFavoritesUseCase {
  constructor(
    private readonly favorites: FavoriteRepository,
    private readonly events: EventRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: PageRequest): Promise<Result<Page<FavoriteView>, AppError>> {
    const { actor } = ctx;
    if (actor.kind !== 'user') return err(appError('NOT_AUTHENTICATED', 'sign in to see your favorites'));
    const page = { page: input.page, size: input.size };
    const { items, total } = await this.favorites.list(actor.id, page);
    const records = new Map((await this.events.findByIds(null, items.map((f) => f.eventId))).map((r) => [r.state.id, r]));
    const data: FavoriteView[] = [];
    for (const f of items) {
      const record = records.get(f.eventId);
      if (record !== undefined && canViewEvent(actor, record.state)) {
        data.push({ eventId: f.eventId, favoritedAt: f.createdAt, event: toEventSummary(record) });
      }
    }
    return ok(pageOf(data, total, page));
  }
}
