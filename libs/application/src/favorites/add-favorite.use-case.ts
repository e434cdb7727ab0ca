import { canViewEvent, domainError, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { FavoriteRepository } from '../ports/favorite-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

export type FavoriteChange = { readonly eventId: string; readonly changed: boolean };

/** POST /favorites { eventId }: idempotent; `changed` tells a first add (201) from a repeat (200). */
export class AddFavoriteUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly favorites: FavoriteRepository,
    private readonly events: EventRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly eventId: string }): Promise<Result<FavoriteChange, AppError>> {
    const { actor } = ctx;
    if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to keep favorites'));
    if (actor.kind !== 'user') return err(domainError('FORBIDDEN', 'only people keep favorites'));
    const record = await this.events.findById(null, input.eventId);
    if (record === null || !canViewEvent(actor, record.state)) return err(domainError('EVENT_NOT_FOUND', `no event ${input.eventId}`));
    const changed = await this.uow.run((tx) =>
      this.favorites.add(tx, { userId: actor.id, eventId: input.eventId, createdAt: this.clock.now() }),
    );
    return ok({ eventId: input.eventId, changed });
  }
}
