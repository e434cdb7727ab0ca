import type { OrganizationRepository } from '../ports/organization-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

/** Whether the event's organisation reviews its events; the foreign key makes a missing organisation a data error. */
export async function reviewRequiredOf(orgs: OrganizationRepository, tx: TxContext, organizationId: string): Promise<boolean> {
  const org = await orgs.findById(tx, organizationId);
  if (org === null) throw new Error(`organization ${organizationId} of an existing event is missing`);
  return org.reviewRequired;
}
