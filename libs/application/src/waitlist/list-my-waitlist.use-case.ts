import { err, isSignedIn, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { WaitlistRepository } from '../ports/waitlist-repository.port.js';
import { pageOf, type Page, type PageRequest } from '../shared/pagination.js';
import { waitlistEntryView, type WaitlistEntryView } from './waitlist-entry.view.js';

/** `GET /waitlist`: the caller's entries in every status, newest first, with the position of those still waiting. */
export class ListMyWaitlistUseCase {
  constructor(private readonly waitlist: WaitlistRepository) {}

  async execute(ctx: UseCaseContext, input: PageRequest): Promise<Result<Page<WaitlistEntryView>, AppError>> {
    const { actor } = ctx;
    if (!isSignedIn(actor)) return err(appError('NOT_AUTHENTICATED', 'sign in to see your waitlist entries'));
    const { items, total } = await this.waitlist.listForUser(actor.id, input);
    const waiting = items.filter((e) => e.status === 'WAITING').map((e) => e.id);
    const positions = await this.waitlist.positions(null, waiting);
    return ok(pageOf(items.map((e) => waitlistEntryView(e, positions)), total, input));
  }
}
