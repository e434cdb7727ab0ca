import { isAdmin } from '../access/actor.js';
import type { Actor } from '../access/actor.types.js';
import type { Review } from './review.types.js';

/**
 * Public lists show `ACTIVE` reviews only (DESIGN §3.7); a `PENDING` or `REJECTED` one is seen by its
 * author (so they know where it stands) and by admins, who moderate. `false` answers 404.
 */
export const canViewReview = (actor: Actor, review: Pick<Review, 'userId' | 'status'>): boolean =>
  review.status === 'ACTIVE' || isAdmin(actor) || (actor.kind === 'user' && actor.id === review.userId);

/** `POST /reviews/{id}/moderate` and the `status` filter of `GET /reviews`. */
export const canModerateReview = (actor: Actor): boolean => isAdmin(actor);
