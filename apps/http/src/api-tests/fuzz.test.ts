// Never a 5xx for client input (issue 4 "Security"): every operation of the OpenAPI document — so a new route is fuzzed
// without anyone touching this file — gets arbitrary JSON, junk text, extremes and mostly-valid values in its body, query
// and path parameters, signed in as an admin, an organiser of the owning organisation or a plain user. Every answer must
// be below 500, and every 4xx an application/problem+json document with a `code`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operationsOf, type DocumentedOperation, type OpenApiDocument } from './openapi-document.test-support.js';
import { rawBodies, SchemaArbitraries } from './schema-arbitraries.test-support.js';
import { seedWorld, type World } from './world.test-support.js';

// FUZZ_RUNS scales a deeper local hunt (e.g. FUZZ_RUNS=1000); FUZZ_SEED replays a reported failure.
const WRITE_RUNS = Number(process.env['FUZZ_RUNS'] ?? 100);
const READ_RUNS = Math.max(1, Math.round(WRITE_RUNS / 3));
const SEED = Number(process.env['FUZZ_SEED'] ?? Date.now() % 2 ** 31);

// The operations must be known when vitest collects the tests, so the world is seeded (in memory, in milliseconds) and
// the document read at module load; every fuzzed request then runs against this one world, whose state they change.
const world: World = await seedWorld();
const doc = (await world.call('GET', '/api/v1/openapi.json')).json as OpenApiDocument;
const apiOperations = operationsOf(doc).filter((o) => o.path.startsWith('/api/v1/'));
const writes = apiOperations.filter((o) => o.method !== 'GET');
const reads = apiOperations.filter((o) => o.method === 'GET' && (o.operation.parameters ?? []).length > 0);
const arbs = new SchemaArbitraries(doc, [
  world.event.id, world.pastEvent.id, world.draft.id, world.booking.id, world.pastBooking.id, world.pendingBooking.id, world.payment.id,
  world.review.id, world.waitlistEntry.id, world.promo.id, world.faq.id, world.orgA.id, world.orgB.id, world.category.id, world.people.user.sub,
]);

/** The records a path parameter most likely names, by the segment before it (or by its own name). */
const RELEVANT: Readonly<Record<string, (w: World) => string[]>> = {
  events: (w) => [w.event.id, w.pastEvent.id, w.draft.id],
  bookings: (w) => [w.booking.id, w.pastBooking.id, w.pendingBooking.id],
  payments: (w) => [w.payment.id],
  reviews: (w) => [w.review.id],
  waitlist: (w) => [w.waitlistEntry.id],
  'promo-codes': (w) => [w.promo.id],
  categories: (w) => [w.category.id],
  organizations: (w) => [w.orgA.id, w.orgB.id],
  favorites: (w) => [w.event.id],
  faq: (w) => [w.faq.id],
  members: (w) => [w.people.staffA.sub, w.people.managerA.sub, w.people.user.sub],
  eventId: (w) => [w.event.id],
  faqId: (w) => [w.faq.id],
  userId: (w) => [w.people.staffA.sub, w.people.user.sub],
  ticketCode: (w) => [w.ticketCode],
  code: (w) => [w.promo.code],
  gateway: () => ['sandbox'],
  name: () => ['expire-pending-bookings', 'expire-waitlist-offers', 'publish-scheduled-events', 'relay-outbox'],
};

type Sent = { role: string; url: string; body: string | undefined; idempotencyKey: string | undefined };

function requestArbitrary(op: DocumentedOperation): fc.Arbitrary<Sent> {
  const params = op.operation.parameters ?? [];
  const pathNames = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const pathValue = (name: string) => {
    const declared = params.find((p) => p.in === 'path' && p.name === name);
    const segment = op.path.split(`/{${name}}`)[0]?.split('/').pop() ?? '';
    const relevant = [...(name === 'id' || name.endsWith('Id') ? (RELEVANT[segment]?.(world) ?? []) : []), ...(RELEVANT[name]?.(world) ?? [])];
    return fc.oneof(
      ...(relevant.length > 0 ? [{ arbitrary: fc.constantFrom(...relevant), weight: 6 }] : []),
      { arbitrary: arbs.value(declared?.schema, 0).map(String), weight: 3 },
      { arbitrary: arbs.value(declared?.schema).map(String), weight: 2 },
      { arbitrary: fc.constantFrom('..', '.', '%', 'null', '-1', ' ', 'a'.repeat(400), 'ǅ🙂'), weight: 1 },
    );
  };
  const path = fc.tuple(...pathNames.map(pathValue)).map((values) =>
    values.reduce<string>((p, v, i) => p.replace(`{${pathNames[i] ?? ''}}`, encodeURIComponent(v)), op.path),
  );
  const queryNames = params.filter((p) => p.in === 'query');
  const query = fc
    .tuple(
      fc.record(Object.fromEntries(queryNames.map((p) => [p.name, fc.oneof(arbs.value(p.schema, 0), arbs.value(p.schema))])), { requiredKeys: [] }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 }), { maxKeys: 2 }),
    )
    .map(([declared, extra]) => {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries({ ...extra, ...declared })) {
        for (const item of Array.isArray(v) ? v : [v]) q.append(k, typeof item === 'string' ? item : JSON.stringify(item) ?? '');
      }
      const text = q.toString();
      return text === '' ? '' : `?${text}`;
    });
  const bodySchema = op.operation.requestBody?.content?.['application/json']?.schema;
  const body: fc.Arbitrary<string | undefined> =
    op.method === 'GET'
      ? fc.constant(undefined)
      : fc.oneof(
          { arbitrary: arbs.value(bodySchema, 0).map((v) => JSON.stringify(v)), weight: 4 },
          { arbitrary: arbs.value(bodySchema, 1).map((v) => JSON.stringify(v)), weight: 3 },
          { arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)), weight: 1 },
          { arbitrary: rawBodies(arbs.propertyNames(bodySchema)), weight: 1 },
          { arbitrary: fc.constant(undefined), weight: 1 },
        );
  return fc.record({
    role: fc.constantFrom('admin', 'orgA', 'user'),
    url: fc.tuple(path, query).map(([p, q]) => p + q),
    body,
    idempotencyKey: fc.option(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,300}$/), { nil: undefined }),
  });
}

async function send(method: string, sent: Sent): Promise<void> {
  const token = world.tokens[sent.role as keyof World['tokens']];
  const headers: Record<string, string> = {};
  if (sent.idempotencyKey !== undefined) headers['idempotency-key'] = sent.idempotencyKey;
  const res = await world.call(method, sent.url, { ...(token ? { token } : {}), ...(sent.body !== undefined ? { body: sent.body } : {}), headers });
  const what = `${method} ${sent.url} as ${sent.role} with ${sent.body?.slice(0, 300) ?? '(no body)'} → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, what).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type'), what).toBe('application/problem+json');
    expect(typeof res.json?.code, what).toBe('string');
    expect(res.json?.status, what).toBe(res.status);
  }
}

async function fuzz(op: DocumentedOperation, runs: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(requestArbitrary(op), (sent) => send(op.method, sent)),
    { numRuns: runs, seed: SEED, endOnFailure: true },
  );
}

describe(`fuzzing the write operations (${WRITE_RUNS} runs each, seed ${SEED})`, () => {
  it('finds write operations to fuzz', () => {
    expect(writes.length).toBeGreaterThan(0);
  });
  it.each(writes.map((o) => [o.key, o] as const))('%s', async (_, op) => {
    await fuzz(op, WRITE_RUNS);
  });
});

describe(`fuzzing the parameters of read operations (${READ_RUNS} runs each)`, () => {
  it.each(reads.map((o) => [o.key, o] as const))('%s', async (_, op) => {
    await fuzz(op, READ_RUNS);
  });
});

