import { ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import type { AppError } from '../errors.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';
import { loadManageablePromo } from './promo-code-access.js';
import { toPromoCodeView, type PromoCodeView } from './promo-code.view.js';

/** GET /promo-codes/{id}: the organisation's owners and managers, admins. */
export class GetPromoCodeUseCase {
  constructor(private readonly promos: PromoCodeRepository) {}

  async execute(ctx: UseCaseContext, input: { readonly promoCodeId: string }): Promise<Result<PromoCodeView, AppError>> {
    const found = await loadManageablePromo(this.promos, ctx.actor, input.promoCodeId);
    return found.ok ? ok(toPromoCodeView(found.value)) : found;
  }
}
