import { domainError, isAdmin, type Actor } from '@aquastream/domain';
import { appError, type AppError } from '../errors.js';

/** The admin operations (DESIGN §4 `/admin/…`, §7): a guest is asked to sign in, anyone else but an admin refused. */
export function adminRefusal(actor: Actor): AppError | null {
  if (actor.kind === 'guest') return appError('NOT_AUTHENTICATED', 'sign in to do this');
  return isAdmin(actor) ? null : domainError('FORBIDDEN', 'admins only');
}

/** An admin's refund percentage: null (the default 100 %) or a finite number within 0..100. */
export function refundPercentProblem(percent: number | null | undefined): AppError | null {
  if (percent === null || percent === undefined) return null;
  return Number.isFinite(percent) && percent >= 0 && percent <= 100
    ? null
    : appError('INVALID_REQUEST', 'refundPercent must be within 0..100', { field: 'refundPercent' });
}
