import { err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { Outbox } from '../ports/outbox.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { adminRefusal } from './admin-guard.js';

export type RetryOutboxCommand = {
  /** These messages, or every FAILED one when left out. Only FAILED messages are put back. */
  readonly ids?: readonly string[];
};

/** `aquastream-admin outbox retry` (admins): FAILED messages go back to PENDING for the relay, due now. */
export class RetryOutboxUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: RetryOutboxCommand = {}): Promise<Result<{ readonly retried: number }, AppError>> {
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return err(refusal);
    const now = this.clock.now();
    const retried = await this.uow.run((tx) => this.outbox.retry(tx, input.ids ?? 'ALL_FAILED', now));
    return ok({ retried });
  }
}
