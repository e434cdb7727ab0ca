import { err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { FavoriteRepository } from '../ports/favorite-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { FavoriteChange } from './add-favorite.use-case.js';

/** DELETE /favorites/{eventId}: idempotent; removing what is not there (or an unknown event) succeeds with `changed: false`. */
export class RemoveFavoriteUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly favorites: FavoriteRepository,
  ) {}

  async execute(ctx: UseCaseContext, input: { readonly eventId: string }): Promise<Result<FavoriteChange, AppError>> {
    const { actor } = ctx;
    if (actor.kind !== 'user') return err(appError('NOT_AUTHENTICATED', 'sign in to keep favorites'));
    const changed = await this.uow.run((tx) => this.favorites.remove(tx, actor.id, input.eventId));
    return ok({ eventId: input.eventId, changed });
  }
}
