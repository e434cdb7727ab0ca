import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aCrew } from '../event/event.test-support.js';
import type { EventStatus } from '../event/event.types.js';
import { anEvent, T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { MS_PER_HOUR } from '../shared/time.js';
import { crewAssigned, crewRequestFailed, crewRetryDelay, isCrewRetryDue, releaseCrew, requestCrew } from './crew.js';

const now = T0;
const pending = anEvent({ crew: aCrew() });
const retry = { now, maxAttempts: 3, baseDelayMs: 60_000 };

describe('requestCrew', () => {
  it('NONE → PENDING with the cleaned request, due at once, no message', () => {
    const r = requestCrew(anEvent(), { size: 3, skills: ['skipper', ' medic ', 'skipper'], now });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state.crew).toEqual({
      status: 'PENDING', request: { size: 3, skills: ['skipper', 'medic'] }, crewId: null, attempts: 0, nextAttemptAt: null, lastError: null,
    });
    expect(r.value.events).toEqual([]);
  });

  it('repeating the request in force is a no-op', () => {
    for (const event of [pending, anEvent({ crew: aCrew({ status: 'ASSIGNED', crewId: 'c' }) })]) {
      const r = requestCrew(event, { size: 2, skills: ['skipper'], now });
      expect(r.ok && r.value.state).toBe(event);
    }
  });

  it('a different request replaces a pending one and starts its attempts afresh', () => {
    const r = requestCrew(anEvent({ crew: aCrew({ attempts: 2, nextAttemptAt: now + 5 }) }), { size: 4, skills: [], now });
    expect(r.ok && r.value.state.crew).toEqual(aCrew({ request: { size: 4, skills: [] } }));
  });

  it('a different request releases an assigned crew first', () => {
    const r = requestCrew(anEvent({ crew: aCrew({ status: 'ASSIGNED', crewId: 'crew-7' }) }), { size: 4, skills: [], now });
    expect(r.ok && r.value.state.crew.status).toBe('PENDING');
    expect(r.ok && r.value.events).toEqual([{ type: 'crew.released', subject: 'evt-1', data: { eventId: 'evt-1', crewId: 'crew-7' } }]);
  });

  it('a failed request may be asked again', () => {
    const r = requestCrew(anEvent({ crew: aCrew({ status: 'FAILED', attempts: 3 }) }), { size: 2, skills: ['skipper'], now });
    expect(r.ok && r.value.state.crew).toEqual(aCrew());
  });

  it.each<EventStatus>(['CANCELED', 'COMPLETED'])('answers CREW_NOT_REQUESTABLE on a %s event', (status) => {
    const r = requestCrew(anEvent({ status }), { size: 2, skills: [], now });
    expect(r).toMatchObject({ ok: false, error: { type: 'CREW_NOT_REQUESTABLE', crewStatus: 'NONE' } });
  });

  it('validates the request (INVALID_EVENT)', () => {
    expect(requestCrew(anEvent(), { size: 0, skills: [], now })).toMatchObject({ ok: false, error: { type: 'INVALID_EVENT', field: 'crew.size' } });
    expect(requestCrew(anEvent(), { size: 1, skills: Array.from({ length: 21 }, (_, i) => `s${i}`), now })).toMatchObject({
      ok: false, error: { field: 'crew.skills' },
    });
  });
});

describe('crewAssigned', () => {
  it('PENDING → ASSIGNED with crew.assigned', () => {
    const r = crewAssigned(anEvent({ crew: aCrew({ attempts: 2, lastError: 'timeout', nextAttemptAt: now }) }), { crewId: 'crew-7', now });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state.crew).toEqual(aCrew({ status: 'ASSIGNED', crewId: 'crew-7', attempts: 2 }));
    expect(r.value.events).toEqual([{ type: 'crew.assigned', subject: 'evt-1', data: { eventId: 'evt-1', crewId: 'crew-7' } }]);
  });

  it('the same answer twice is a no-op', () => {
    const assigned = anEvent({ crew: aCrew({ status: 'ASSIGNED', crewId: 'crew-7' }) });
    expect(crewAssigned(assigned, { crewId: 'crew-7', now })).toEqual({ ok: true, value: { state: assigned, events: [] } });
  });

  it.each(['NONE', 'FAILED', 'RELEASED'] as const)('answers CREW_NOT_REQUESTABLE when the crew is %s', (status) => {
    expect(crewAssigned(anEvent({ crew: aCrew({ status }) }), { crewId: 'c', now })).toMatchObject({
      ok: false, error: { type: 'CREW_NOT_REQUESTABLE', crewStatus: status },
    });
  });

  it('another crew for an assigned request, or any crew for a terminal event, is refused', () => {
    expect(crewAssigned(anEvent({ crew: aCrew({ status: 'ASSIGNED', crewId: 'a' }) }), { crewId: 'b', now }).ok).toBe(false);
    expect(crewAssigned(anEvent({ status: 'COMPLETED', crew: aCrew() }), { crewId: 'b', now }).ok).toBe(false);
  });
});

describe('crewRequestFailed', () => {
  it('backs off exponentially from the base delay', () => {
    const first = crewRequestFailed(pending, { ...retry, error: 'timeout' });
    if (!first.ok) throw new Error(first.error.detail);
    expect(first.value.state.crew).toEqual(aCrew({ attempts: 1, nextAttemptAt: now + 60_000, lastError: 'timeout' }));
    expect(first.value.events).toEqual([]);
    const second = crewRequestFailed(first.value.state, { ...retry, now: now + 60_000, error: '503' });
    expect(second.ok && second.value.state.crew).toEqual(aCrew({ attempts: 2, nextAttemptAt: now + 60_000 + 120_000, lastError: '503' }));
  });

  it('gives up at maxAttempts: FAILED and crew.assignment_failed', () => {
    const r = crewRequestFailed(anEvent({ crew: aCrew({ attempts: 2 }) }), { ...retry, error: 'refused' });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state.crew).toEqual(aCrew({ status: 'FAILED', attempts: 3, nextAttemptAt: null, lastError: 'refused' }));
    expect(r.value.events).toEqual([
      { type: 'crew.assignment_failed', subject: 'evt-1', data: { eventId: 'evt-1', attempts: 3, lastError: 'refused' } },
    ]);
  });

  it('with maxAttempts 1 the first failure is final; a blank error is recorded as none', () => {
    const r = crewRequestFailed(pending, { ...retry, maxAttempts: 1, error: ' ' });
    expect(r.ok && r.value.state.crew).toMatchObject({ status: 'FAILED', attempts: 1, lastError: null });
  });

  it('answers CREW_NOT_REQUESTABLE when nothing is pending', () => {
    expect(crewRequestFailed(anEvent({ crew: aCrew({ status: 'ASSIGNED' }) }), { ...retry, error: 'x' })).toMatchObject({
      ok: false, error: { type: 'CREW_NOT_REQUESTABLE', crewStatus: 'ASSIGNED' },
    });
    expect(crewRequestFailed(anEvent({ status: 'CANCELED', crew: aCrew() }), { ...retry, error: 'x' }).ok).toBe(false);
  });

  it('throws on a broken configuration', () => {
    expect(() => crewRequestFailed(pending, { ...retry, maxAttempts: 0, error: 'x' })).toThrow(DomainInvariantError);
    expect(() => crewRequestFailed(pending, { ...retry, baseDelayMs: -1, error: 'x' })).toThrow(DomainInvariantError);
  });

  it('property: the delay doubles per attempt and never exceeds an hour', () => {
    expect(crewRetryDelay(1, 1000)).toBe(1000);
    expect(crewRetryDelay(4, 1000)).toBe(8000);
    expect(crewRetryDelay(30, 1000)).toBe(MS_PER_HOUR);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 10 * MS_PER_HOUR }), (attempts, base) => {
        const d = crewRetryDelay(attempts, base);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(MS_PER_HOUR);
        expect(crewRetryDelay(attempts + 1, base)).toBe(Math.min(MS_PER_HOUR, d * 2));
      }),
    );
  });
});

describe('releaseCrew', () => {
  it.each([
    ['PENDING', null],
    ['ASSIGNED', 'crew-7'],
  ] as const)('%s → RELEASED with crew.released', (status, crewId) => {
    const r = releaseCrew(anEvent({ crew: aCrew({ status, crewId, nextAttemptAt: now }) }), now);
    expect(r.state.crew).toMatchObject({ status: 'RELEASED', crewId, nextAttemptAt: null });
    expect(r.events).toEqual([{ type: 'crew.released', subject: 'evt-1', data: { eventId: 'evt-1', crewId } }]);
  });

  it.each(['NONE', 'FAILED', 'RELEASED'] as const)('has nothing to release when %s', (status) => {
    const event = anEvent({ crew: aCrew({ status }) });
    expect(releaseCrew(event, now)).toEqual({ state: event, events: [] });
  });
});

describe('isCrewRetryDue', () => {
  it('is due for a pending request once its back-off has run out', () => {
    expect(isCrewRetryDue(pending, now)).toBe(true);
    const later = anEvent({ crew: aCrew({ nextAttemptAt: now + 10 }) });
    expect(isCrewRetryDue(later, now + 9)).toBe(false);
    expect(isCrewRetryDue(later, now + 10)).toBe(true);
  });

  it('is never due for other crew states nor terminal events', () => {
    for (const status of ['NONE', 'ASSIGNED', 'FAILED', 'RELEASED'] as const) {
      expect(isCrewRetryDue(anEvent({ crew: aCrew({ status }) }), now)).toBe(false);
    }
    expect(isCrewRetryDue(anEvent({ status: 'COMPLETED', crew: aCrew() }), now)).toBe(false);
  });
});
