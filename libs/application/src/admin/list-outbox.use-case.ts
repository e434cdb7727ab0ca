import { err, ok, type DomainEventType, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { Outbox, OutboxMessage, OutboxStatus } from '../ports/outbox.port.js';
import { MAX_PAGE_SIZE, pageOf, type Page, type PageRequest } from '../shared/pagination.js';
import { adminRefusal } from './admin-guard.js';

export type ListOutboxCommand = PageRequest & {
  readonly status?: OutboxStatus;
  readonly type?: DomainEventType;
  readonly subject?: string;
};

/** `aquastream-admin outbox status` (admins): the messages, newest first. */
export class ListOutboxUseCase {
  constructor(private readonly outbox: Outbox) {}

  async execute(ctx: UseCaseContext, input: ListOutboxCommand): Promise<Result<Page<OutboxMessage>, AppError>> {
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return err(refusal);
    const page = { page: Math.max(1, input.page), size: Math.min(MAX_PAGE_SIZE, Math.max(1, input.size)) };
    const { items, total } = await this.outbox.list({ ...input, ...page });
    return ok(pageOf(items, total, page));
  }
}
