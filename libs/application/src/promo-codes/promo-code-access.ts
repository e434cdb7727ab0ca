import { canManagePromoCodes, canViewEvent, canViewOrganization, domainError, err, ok, type Actor, type PromoCode, type Result } from '@aquastream/domain';
import { appError, type AppError } from '../errors.js';
import type { EventRecord, EventRepository } from '../ports/event-repository.port.js';
import type { PromoCodeRepository } from '../ports/promo-code-repository.port.js';

/**
 * A promo code the actor may change. Members of its organisation see it exists (a staff member is told FORBIDDEN);
 * for anyone else it does not exist (PROMO_CODE_NOT_FOUND), so codes and ids do not leak.
 */
export async function loadManageablePromo(promos: PromoCodeRepository, actor: Actor, id: string): Promise<Result<PromoCode, AppError>> {
  if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to manage promo codes'));
  const promo = await promos.findById(null, id);
  if (promo === null || !canViewOrganization(actor, promo.organizationId)) {
    return err(appError('PROMO_CODE_NOT_FOUND', `no promo code ${id}`));
  }
  if (!canManagePromoCodes(actor, promo.organizationId)) {
    return err(domainError('FORBIDDEN', "only the organisation's owners and managers and admins manage its promo codes"));
  }
  return ok(promo);
}

/** The event a code is scoped to, if the actor may see it; it must belong to `organizationId` when one is known. */
export async function loadScopeEvent(
  events: EventRepository,
  actor: Actor,
  eventId: string,
  organizationId: string | null,
): Promise<Result<EventRecord, AppError>> {
  const record = await events.findById(null, eventId);
  if (record === null || !canViewEvent(actor, record.state)) return err(domainError('EVENT_NOT_FOUND', `no event ${eventId}`));
  if (organizationId !== null && record.state.organizationId !== organizationId) {
    return err(appError('INVALID_REQUEST', 'the event belongs to another organisation', { field: 'eventId' }));
  }
  return ok(record);
}
