import type { UseCases } from '@aquastream/adapters';
import { GUEST } from '@aquastream/domain';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';
import { problem, sendProblem } from '../problem.js';
import type { TokenVerifier } from './token-verifier.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Resolves the caller once per request: no `Authorization` → guest; a valid token → the user with the roles of the
 * token and the organisation memberships of the database; a bad token → 401 at once (whatever the route); a JWKS
 * outage → guest flagged `authUnavailable`, so public reads keep working and routes that need a user answer 503.
 */
export function authentication(verifier: TokenVerifier, resolveActor: UseCases['access']['resolveActor']) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const correlationId = c.get('correlationId');
    c.set('authUnavailable', false);
    c.set('ctx', { actor: GUEST, correlationId });
    const header = c.req.header('authorization');
    if (header === undefined || header.trim() === '') return next();
    const bearer = BEARER.exec(header);
    const unauthorized = (detail: string) => {
      c.header('WWW-Authenticate', 'Bearer');
      return sendProblem(c, problem(401, 'NOT_AUTHENTICATED', 'Unauthorized', detail));
    };
    if (!bearer?.[1]) return unauthorized('the Authorization header must be "Bearer <token>"');
    const verified = await verifier.verify(bearer[1]);
    switch (verified.kind) {
      case 'invalid':
        return unauthorized(verified.reason);
      case 'unavailable':
        c.get('logger').warn({ reason: verified.reason }, 'token not verifiable: identity provider unavailable');
        c.set('authUnavailable', true);
        return next();
      case 'valid': {
        const actor = await resolveActor.execute(verified.claims);
        c.set('ctx', { actor, correlationId });
        c.get('logger').debug({ userId: verified.claims.sub }, 'authenticated');
        return next();
      }
    }
  });
}
