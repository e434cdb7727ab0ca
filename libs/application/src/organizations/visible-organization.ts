import { canViewOrganization, err, ok, type Actor, type Result } from '@aquastream/domain';
import { appError, type AppError } from '../errors.js';
import type { Organization, OrganizationRepository } from '../ports/organization-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

/**
 * An organisation the actor may see (its members and admins). Guests are asked to sign in; absent and hidden answer
 * the same ORGANIZATION_NOT_FOUND, so ids do not leak.
 */
export async function loadVisibleOrganization(
  organizations: OrganizationRepository,
  actor: Actor,
  organizationId: string,
  tx: TxContext | null = null,
): Promise<Result<Organization, AppError>> {
  if (actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to see organisations'));
  const org = await organizations.findById(tx, organizationId);
  if (org === null || !canViewOrganization(actor, org.id)) {
    return err(appError('ORGANIZATION_NOT_FOUND', `no organisation ${organizationId}`));
  }
  return ok(org);
}
