import { err, ok, type Instant, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { AuditEntity, AuditEntry, AuditLog } from '../ports/audit-log.port.js';
import { MAX_PAGE_SIZE, pageOf, type Page, type PageRequest } from '../shared/pagination.js';
import { adminRefusal } from './admin-guard.js';

export type QueryAuditCommand = PageRequest & {
  readonly entity?: AuditEntity;
  readonly entityId?: string;
  readonly actorId?: string;
  /** Inclusive. */
  readonly from?: Instant;
  /** Exclusive. */
  readonly to?: Instant;
};

/** `GET /admin/audit` (admins): transitions and admin actions, newest first. */
export class QueryAuditUseCase {
  constructor(private readonly audit: AuditLog) {}

  async execute(ctx: UseCaseContext, input: QueryAuditCommand): Promise<Result<Page<AuditEntry>, AppError>> {
    const refusal = adminRefusal(ctx.actor);
    if (refusal !== null) return err(refusal);
    if (input.from !== undefined && input.to !== undefined && input.from > input.to) {
      return err(appError('INVALID_REQUEST', '`from` must not be after `to`', { field: 'from' }));
    }
    const page = { page: Math.max(1, input.page), size: Math.min(MAX_PAGE_SIZE, Math.max(1, input.size)) };
    const { items, total } = await this.audit.query({ ...input, ...page });
    return ok(pageOf(items, total, page));
  }
}
