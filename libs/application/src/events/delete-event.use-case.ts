import { canManageEvent, domainError, err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { EventRepository } from '../ports/event-repository.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { ChangeRecorder } from '../shared/change-recorder.js';
import { writeRefusal } from './event-guards.js';

/** Concurrent edits of one draft are rare; more collisions than this means something is wrong. */
const MAX_ATTEMPTS = 5;

/** `DELETE /events/{id}`: only a `DRAFT` (DESIGN §3.1); anything else answers EVENT_NOT_DELETABLE (cancel it instead). */
export class DeleteEventUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly events: EventRepository,
    private readonly recorder: ChangeRecorder,
  ) {}

  execute(ctx: UseCaseContext, input: { readonly eventId: string }): Promise<Result<{ readonly deleted: true }, AppError>> {
    return this.uow.run(async (tx) => {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
        const record = await this.events.findById(tx, input.eventId);
        const refusal = writeRefusal(ctx.actor, record, canManageEvent, 'delete');
        if (refusal !== null) return err(refusal);
        if (record === null) continue;
        if (record.state.status !== 'DRAFT') {
          return err(
            domainError('EVENT_NOT_DELETABLE', `only a DRAFT can be deleted; this event is ${record.state.status} (cancel it instead)`, {
              status: record.state.status,
            }),
          );
        }
        // The versioned write locks the row and proves it is still the draft that was read (not published meanwhile).
        if (!(await this.events.update(tx, record, record.version))) continue;
        await this.events.delete(tx, record.state.id);
        await this.recorder.record(tx, ctx, {
          audit: [{ entity: 'EVENT', entityId: record.state.id, eventId: record.state.id, from: 'DRAFT', to: 'DELETED' }],
        });
        return ok({ deleted: true as const });
      }
      throw new Error(`event ${input.eventId} changed concurrently ${MAX_ATTEMPTS} times in a row; giving up`);
    });
  }
}
