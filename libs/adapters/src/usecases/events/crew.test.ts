import { describe, expect, it } from 'vitest';
import { buyer, CREW, errorOf, eventWorld, guest, MIN, owner, scheduler, staff, T0, value } from './event-world.test-support.js';

describe('RequestCrewUseCase', () => {
  it('asks the crew service after the commit and answers the assigned crew', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    const view = value(await w.requestCrew.execute(owner, { eventId: draft.id, size: 3, skills: ['skipper', 'medic'] }));
    expect(view.crew).toEqual({ status: 'ASSIGNED', crewId: 'crew-1' });
    expect(w.crewClient.requests).toHaveLength(1);
  });

  it('does nothing for the request already in force, and replaces a different one (releasing the crew)', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    value(await w.requestCrew.execute(owner, { eventId: draft.id, size: 2, skills: ['skipper'] }));
    value(await w.requestCrew.execute(owner, { eventId: draft.id, size: 2, skills: ['skipper'] }));
    expect(w.crewClient.requests).toHaveLength(1);
    const view = value(await w.requestCrew.execute(owner, { eventId: draft.id, size: 4, skills: ['skipper'] }));
    expect(view.crew).toEqual({ status: 'ASSIGNED', crewId: 'crew-2' });
    expect(w.crewClient.releases).toEqual([{ eventId: draft.id, crewId: 'crew-1' }]);
  });

  it('keeps the request PENDING when the service fails, and answers the event anyway', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    w.crewClient.failAlways();
    expect(value(await w.requestCrew.execute(owner, { eventId: draft.id, size: 2, skills: [] })).crew.status).toBe('PENDING');
  });

  it('checks who asks and what is asked', async () => {
    const w = await eventWorld();
    const published = await w.published();
    expect(errorOf(await w.requestCrew.execute(guest, { eventId: published.id, size: 1, skills: [] }))).toBe('NOT_AUTHENTICATED');
    expect(errorOf(await w.requestCrew.execute(buyer, { eventId: published.id, size: 1, skills: [] }))).toBe('FORBIDDEN');
    expect(errorOf(await w.requestCrew.execute(staff, { eventId: published.id, size: 1, skills: [] }))).toBe('FORBIDDEN');
    expect(errorOf(await w.requestCrew.execute(owner, { eventId: published.id, size: 0, skills: [] }))).toBe('INVALID_EVENT');
  });

  it('refuses a crew for a finished event', async () => {
    const w = await eventWorld();
    const published = await w.published();
    w.clock.set(T0 + 4 * 24 * 60 * MIN);
    await w.completeDue.execute(scheduler);
    expect(errorOf(await w.requestCrew.execute(owner, { eventId: published.id, size: 1, skills: [] }))).toBe('CREW_NOT_REQUESTABLE');
  });
});

describe('RetryCrewRequestsUseCase (job retry-crew-requests)', () => {
  it('retries with backoff, then gives up with crew.assignment_failed', async () => {
    const w = await eventWorld();
    w.crewClient.failAlways();
    const draft = await w.draft({ crew: { size: 2, skills: ['skipper'] } });
    // First attempt at creation failed; the next is due after the base delay.
    expect(await w.retryCrew.execute(scheduler)).toMatchObject({ examined: 0 });
    w.clock.advance(CREW.baseDelayMs);
    expect(await w.retryCrew.execute(scheduler)).toMatchObject({ examined: 1, RETRYING: 1 });
    const second = await w.events.findById(null, draft.id);
    expect(second?.state.crew).toMatchObject({ status: 'PENDING', attempts: 2, nextAttemptAt: w.clock.now() + 2 * CREW.baseDelayMs });
    w.clock.advance(2 * CREW.baseDelayMs);
    expect(await w.retryCrew.execute(scheduler)).toMatchObject({ examined: 1, FAILED: 1 });
    expect(value(await w.get.execute(owner, { eventId: draft.id })).crew.status).toBe('FAILED');
    expect((await w.messages('crew.assignment_failed')).map((m) => m.data)).toEqual([
      { eventId: draft.id, attempts: 3, lastError: 'crew service unavailable' },
    ]);
    w.clock.advance(60 * MIN);
    expect(await w.retryCrew.execute(scheduler)).toMatchObject({ examined: 0 });
  });

  it('assigns the crew once the service answers again', async () => {
    const w = await eventWorld();
    w.crewClient.failNext(1);
    const draft = await w.draft({ crew: { size: 1, skills: [] } });
    w.clock.advance(CREW.baseDelayMs);
    expect(await w.retryCrew.execute(scheduler)).toMatchObject({ examined: 1, ASSIGNED: 1 });
    expect(value(await w.get.execute(owner, { eventId: draft.id })).crew).toEqual({ status: 'ASSIGNED', crewId: 'crew-1' });
  });

  it('claims a request before calling, so a second worker leaves it alone while the call is in flight', async () => {
    const w = await eventWorld();
    w.crewClient.failNext(1);
    const draft = await w.draft({ crew: { size: 1, skills: [] } });
    w.clock.advance(CREW.baseDelayMs);
    // What a worker does first: the claim pushes the next attempt out by the claim window.
    const record = await w.events.findById(null, draft.id);
    if (record === null) throw new Error('missing');
    await w.db.run((tx) =>
      w.events.update(tx, { ...record, state: { ...record.state, crew: { ...record.state.crew, nextAttemptAt: w.clock.now() + CREW.claimMs } } }, record.version),
    );
    expect(await w.retryCrew.execute(scheduler)).toMatchObject({ examined: 0 });
    expect(await w.crew.fulfil(scheduler, draft.id)).toBe('SKIPPED');
    expect(w.crewClient.requests).toHaveLength(1);
  });

  it('does not record a crew for a request that changed while the call was in flight, and releases it', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    value(await w.requestCrew.execute(owner, { eventId: draft.id, size: 1, skills: [] }));
    // Simulate a reply that arrives after the organiser asked for something else: re-request while the fake answers.
    const original = w.crewClient.requestCrew.bind(w.crewClient);
    w.crewClient.requestCrew = async (input) => {
      const answer = await original(input);
      w.crewClient.requestCrew = original;
      const current = await w.events.findById(null, draft.id);
      if (current) {
        await w.db.run((tx) =>
          w.events.update(
            tx,
            { ...current, state: { ...current.state, crew: { ...current.state.crew, request: { size: 5, skills: [] } } } },
            current.version,
          ),
        );
      }
      return answer;
    };
    value(await w.requestCrew.execute(owner, { eventId: draft.id, size: 2, skills: [] }));
    expect(w.crewClient.releases.map((r) => r.crewId)).toContain('crew-2');
    expect((await w.events.findById(null, draft.id))?.state.crew).toMatchObject({ status: 'PENDING', crewId: null });
  });
});
