import { SignJWT } from 'jose';
import { Option, type Command } from 'commander';
import { UsageError } from '../cli-errors.js';
import type { CliContext } from '../context.js';
import { collect } from './option-parsers.js';

const ROLES = ['USER', 'ORGANIZER', 'ADMIN'] as const;
const SPAN = /^(\d{1,6})([smhdw])$/;
const SPAN_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 } as const;

type TokenOptions = { readonly sub: string; readonly role: readonly string[]; readonly expiresIn: string };

const EXAMPLES = `
Prints a development token (HS256, signed with AUTH_JWT_SECRET, roles in "roles", DESIGN §4) for calling the API.
Refused unless AUTH_JWT_SECRET is set in the environment: the dev profile's built-in secret is public, and a token for
an instance using a JWKS comes from its identity provider. Prints the bare token (for $(…)) unless --json is given.

Examples:
  $ export AUTH_JWT_SECRET=$(openssl rand -hex 32)
  $ aquastream-admin token --sub alice --role USER
  $ curl -H "Authorization: Bearer $(aquastream-admin token --sub root --role ADMIN)" localhost:8102/api/v1/me
  $ aquastream-admin token --sub olga --role ORGANIZER --role USER --expires-in 7d --json
`;

function expiresIn(value: string): number {
  const m = SPAN.exec(value.trim());
  if (m === null) throw new UsageError(`--expires-in ${value}: use a number and a unit, e.g. 30m, 1h, 7d`);
  const seconds = Number(m[1]) * SPAN_SECONDS[(m[2] ?? 's') as keyof typeof SPAN_SECONDS];
  if (seconds < 1) throw new UsageError('--expires-in must be at least 1s');
  return seconds;
}

function roles(given: readonly string[]): string[] {
  const upper = given.map((r) => r.trim().toUpperCase());
  const unknown = upper.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0) throw new UsageError(`--role ${unknown.join(', ')}: roles are ${ROLES.join(', ')}`);
  return [...new Set(upper)];
}

/** `token --sub <id> --role <role>` (DESIGN §7): a development JWT, only with an explicit AUTH_JWT_SECRET. */
export function registerTokenCommand(program: Command, ctx: CliContext): void {
  program
    .command('token')
    .description('print a development JWT for the API (needs AUTH_JWT_SECRET)')
    .requiredOption('--sub <userId>', 'the user id (the token’s subject)')
    .addOption(new Option('--role <role>', `${ROLES.join(', ')} (repeatable)`).argParser(collect).makeOptionMandatory())
    .addOption(new Option('--expires-in <span>', 'lifetime: 30m, 1h, 7d …').default('1h'))
    .addHelpText('after', EXAMPLES)
    .action(async (options: TokenOptions) => {
      const sub = options.sub.trim();
      if (sub === '') throw new UsageError('--sub must not be empty');
      const wanted = roles(options.role);
      const lifetime = expiresIn(options.expiresIn);
      // Read from the environment itself: the configuration would fall back to the public development secret.
      if ((ctx.env['AUTH_JWT_SECRET'] ?? '').trim() === '') {
        throw new UsageError('AUTH_JWT_SECRET is not set: development tokens are signed only with a secret you chose (export AUTH_JWT_SECRET=…, ≥ 32 characters)');
      }
      const auth = ctx.config().auth;
      if (auth.kind !== 'hs256') throw new UsageError('this instance verifies tokens with a JWKS (AUTH_JWKS_URL): get a token from its identity provider');
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ roles: wanted })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(sub)
        .setIssuedAt(now)
        .setExpirationTime(now + lifetime)
        .sign(new TextEncoder().encode(auth.secret));
      if (ctx.globals.json) ctx.output.jsonLine({ token, sub, roles: wanted, expiresAt: new Date((now + lifetime) * 1000).toISOString() });
      else ctx.output.stdout.write(`${token}\n`);
    });
}
