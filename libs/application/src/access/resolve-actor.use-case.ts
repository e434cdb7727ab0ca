import { actorFromClaims, GUEST, type Actor, type Claims } from '@aquastream/domain';
import type { OrganizationRepository } from '../ports/organization-repository.port.js';

export type VerifiedClaims = Pick<Claims, 'sub' | 'roles'>;

/**
 * Turns a verified token's claims into the actor every use case receives (and `GET /me` shows). Roles come from
 * the token; memberships from the store, read on every request so that a removed member loses access at once
 * rather than when their token expires. No expected failure: a token without a subject is a guest.
 */
export class ResolveActorUseCase {
  constructor(private readonly organizations: OrganizationRepository) {}

  async execute(claims: VerifiedClaims | null): Promise<Actor> {
    if (claims === null) return GUEST;
    const actor = actorFromClaims(claims);
    if (actor.kind !== 'user') return actor;
    const memberships = await this.organizations.membershipsOf(null, actor.id);
    return { ...actor, memberships };
  }
}
