// DESIGN §3.9 end to end with the real HTTP client and the stub crew service as a child process: an event asked for
// while the service is down is saved with crew PENDING, and the retry job finishes it once the service is back; a
// service that stays down ends in FAILED with crew.assignment_failed. The use cases are composed as every app does.
import type { OutboxMessage } from '@aquastream/application';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../composition/storage.js';
import { composeForTest } from '../composition/use-cases.test-support.js';
import { InMemoryDatabase } from '../memory/in-memory-database.js';
import { FixedClock } from '../testing/fixed-clock.js';
import { SequenceIdGenerator } from '../testing/sequence-id-generator.js';
import { CREW, draftBody, ORG, owner, scheduler, T0, value } from '../usecases/events/event-world.test-support.js';
import { startCrewStub, type CrewStub } from './crew-stub.test-support.js';
import { HttpCrewClient, type HttpCrewClientOptions } from './http-crew-client.js';

let stub: CrewStub;
beforeAll(async () => {
  stub = await startCrewStub();
});
afterAll(() => stub.stop());
beforeEach(() => stub.reset());

async function world(client: Partial<HttpCrewClientOptions> = {}) {
  const db = new InMemoryDatabase();
  const storage = createMemoryStorage(db);
  const clock = new FixedClock(T0);
  const crewClient = new HttpCrewClient({ baseUrl: stub.url, retries: 1, initialBackoffMs: 5, maxBackoffMs: 20, ...client });
  const uc = composeForTest(storage, { clock, ids: new SequenceIdGenerator(), crew: crewClient, settings: { crew: CREW } });
  await db.run((tx) => storage.organizations.insert(tx, { id: ORG, name: 'Org', slug: 'org', reviewRequired: false, moderateReviews: false, createdAt: T0 }));
  const crewOf = async (eventId: string) => (await storage.events.findById(null, eventId))?.state.crew;
  const messages = async (type: OutboxMessage['type']) => (await storage.outbox.list({ page: 1, size: 100, type })).items;
  return { uc, clock, crewClient, crewOf, messages };
}

describe('crew requests through the HTTP client (DESIGN §3.9)', () => {
  it('saves the event with crew PENDING while the service is down; the retry job assigns the crew once it is back', async () => {
    const w = await world();
    await stub.behave({ mode: 'fail', status: 503 });
    const created = value(await w.uc.events.create.execute(owner, draftBody({ crew: { size: 2, skills: ['skipper'] } })));
    expect(created.crew).toEqual({ status: 'PENDING', crewId: null });
    expect(await w.crewOf(created.id)).toMatchObject({ status: 'PENDING', attempts: 1, lastError: expect.stringContaining('answered 503') });
    expect(await stub.calls()).toHaveLength(2); // one call, retried once

    await stub.behave({ mode: 'ok' });
    w.clock.advance(CREW.baseDelayMs);
    const run = await w.uc.jobs['retry-crew-requests'](scheduler);
    expect(run.ok && run.value).toMatchObject({ examined: 1, ASSIGNED: 1 });
    expect(value(await w.uc.events.get.execute(owner, { eventId: created.id })).crew).toEqual({ status: 'ASSIGNED', crewId: 'crew-1' });
    expect((await w.messages('crew.assigned')).map((m) => m.data)).toEqual([expect.objectContaining({ eventId: created.id, crewId: 'crew-1' })]);
  });

  it('gives up after the configured number of attempts, with crew.assignment_failed, while the circuit stays open', async () => {
    // A breaker that opens after 2 transient failures: an open circuit is just another failed attempt to the job.
    const w = await world({ breakerThreshold: 2 });
    await stub.behave({ mode: 'fail', status: 500 });
    const created = value(await w.uc.events.create.execute(owner, draftBody({ crew: { size: 1, skills: [] } })));
    expect(w.crewClient.circuit).toBe('open');
    for (let attempt = 2; attempt <= CREW.maxAttempts; attempt += 1) {
      w.clock.advance(2 ** (attempt - 2) * CREW.baseDelayMs);
      const run = await w.uc.jobs['retry-crew-requests'](scheduler);
      expect(run.ok && run.value.examined).toBe(1);
    }
    expect(await w.crewOf(created.id)).toMatchObject({ status: 'FAILED', attempts: CREW.maxAttempts, lastError: expect.stringContaining('circuit is open') });
    expect((await w.messages('crew.assignment_failed')).map((m) => m.data)).toEqual([expect.objectContaining({ eventId: created.id, attempts: CREW.maxAttempts })]);
    // The open circuit spared the service the later attempts: only the first (and its retry) reached it.
    expect(await stub.calls()).toHaveLength(2);
  });

  it('releases the crew when the event is canceled', async () => {
    const w = await world();
    const created = value(await w.uc.events.create.execute(owner, draftBody({ crew: { size: 1, skills: [] } })));
    expect(created.crew.status).toBe('ASSIGNED');
    value(await w.uc.events.cancel.execute(owner, { eventId: created.id, reason: 'storm' }));
    expect((await stub.calls()).map((c) => `${c.method} ${c.path}`)).toEqual([`PUT /assignments/${created.id}`, `DELETE /assignments/${created.id}?crewId=crew-1`]);
  });
});
