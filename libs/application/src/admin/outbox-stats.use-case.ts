import { err, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Outbox, OutboxStats } from '../ports/outbox.port.js';
import { adminRefusal } from './admin-guard.js';

/** `aquastream-admin outbox status` (admins): messages per status and the oldest one still waiting. */
export class OutboxStatsUseCase {
  constructor(private readonly outbox: Outbox) {}

  async execute(ctx: UseCaseContext): Promise<Result<OutboxStats, AppError>> {
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return err(refusal);
    return ok(await this.outbox.stats());
  }
}
