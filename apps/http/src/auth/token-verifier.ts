import type { AuthConfig } from '@aquastream/adapters';
import { webcrypto } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

export type VerifiedClaims = { readonly sub: string; readonly roles: readonly string[] };
export type Verification =
  | { readonly kind: 'valid'; readonly claims: VerifiedClaims }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'unavailable'; readonly reason: string };

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];

/** Roles from `roles` (development tokens) or Keycloak's `realm_access.roles`. */
function rolesOf(payload: JWTPayload): string[] {
  const direct = payload['roles'];
  const realm = (payload['realm_access'] as { roles?: unknown } | undefined)?.roles;
  return [direct, realm].flatMap((r) => (Array.isArray(r) ? r.filter((x): x is string => typeof x === 'string') : []));
}

/**
 * Verifies bearer tokens with jose: HS256 with the development secret, or a JWKS (fetched once, cached, refetched
 * on an unknown `kid` with a cooldown) with issuer and audience. `alg: none` is never accepted (jose refuses it), nor
 * is an algorithm other than the configured family. A JWKS that cannot be fetched is `unavailable` (503), not a
 * bad token (401).
 */
export class TokenVerifier {
  /** HS256: the secret imported once as a CryptoKey (jose would import raw bytes again on every verification). */
  private readonly key: Promise<webcrypto.CryptoKey> | JWTVerifyGetKey;
  private readonly options: { algorithms: string[]; issuer?: string; audience?: string };

  constructor(auth: AuthConfig, fetchTimeoutMs = 3_000) {
    if (auth.kind === 'hs256') {
      this.key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(auth.secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      this.options = { algorithms: ['HS256'] };
    } else {
      this.key = createRemoteJWKSet(new URL(auth.jwksUrl), { timeoutDuration: fetchTimeoutMs, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
      this.options = { algorithms: ASYMMETRIC, issuer: auth.issuer, audience: auth.audience };
    }
  }

  async verify(token: string): Promise<Verification> {
    try {
      const { payload } =
        this.key instanceof Promise ? await jwtVerify(token, await this.key, this.options) : await jwtVerify(token, this.key, this.options);
      if (typeof payload.sub !== 'string' || payload.sub.trim() === '') return { kind: 'invalid', reason: 'the token has no subject' };
      return { kind: 'valid', claims: { sub: payload.sub, roles: rolesOf(payload) } };
    } catch (error: unknown) {
      // jose throws the bare JOSEError (ERR_JOSE_GENERIC) only when the key-set endpoint answers non-200 or non-JSON.
      const badKeySetResponse = error instanceof errors.JOSEError && error.code === 'ERR_JOSE_GENERIC';
      if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || badKeySetResponse || isFetchFailure(error)) {
        return { kind: 'unavailable', reason: 'the key set of the identity provider cannot be fetched' };
      }
      if (error instanceof errors.JWTExpired) return { kind: 'invalid', reason: 'the token has expired' };
      if (error instanceof errors.JWTClaimValidationFailed) return { kind: 'invalid', reason: `the token's "${error.claim}" claim is not valid` };
      if (error instanceof errors.JOSEError) return { kind: 'invalid', reason: 'the token is malformed or wrongly signed' };
      if (error instanceof TypeError) return { kind: 'invalid', reason: 'the token is malformed' };
      throw error;
    }
  }
}

/** fetch() rejects with a TypeError whose cause is the network error (refused, reset, DNS). */
function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}
