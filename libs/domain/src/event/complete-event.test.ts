import { describe, expect, it } from 'vitest';
import { anEvent, hours, T0 } from '../shared/fixtures.test-support.js';
import { completeEvent } from './complete-event.js';
import type { EventStatus } from './event.types.js';

describe('completeEvent', () => {
  const event = anEvent({ startsAt: T0, endsAt: T0 + hours(3) });

  it('PUBLISHED → COMPLETED once endsAt has passed', () => {
    const r = completeEvent(event, T0 + hours(3));
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ status: 'COMPLETED', completedAt: T0 + hours(3) });
    expect(r.value.events).toEqual([
      { type: 'event.completed', subject: 'evt-1', data: { eventId: 'evt-1', completedAt: T0 + hours(3) } },
    ]);
  });

  it('is not due before endsAt, even after the start', () => {
    const r = completeEvent(event, T0 + hours(3) - 1);
    expect(r.ok && r.value).toEqual({ state: event, events: [] });
  });

  it('uses startsAt when there is no endsAt', () => {
    const noEnd = anEvent({ startsAt: T0, endsAt: null });
    expect(completeEvent(noEnd, T0 - 1)).toMatchObject({ ok: true, value: { state: { status: 'PUBLISHED' }, events: [] } });
    expect(completeEvent(noEnd, T0)).toMatchObject({ ok: true, value: { state: { status: 'COMPLETED' } } });
  });

  it('is a no-op on a COMPLETED event', () => {
    const done = anEvent({ status: 'COMPLETED', completedAt: T0 });
    const r = completeEvent(done, T0 + hours(1000));
    expect(r.ok && r.value.state).toBe(done);
    expect(r.ok && r.value.events).toEqual([]);
  });

  it.each<[EventStatus, string]>([
    ['DRAFT', 'INVALID_EVENT_TRANSITION'],
    ['IN_REVIEW', 'INVALID_EVENT_TRANSITION'],
    ['SCHEDULED', 'INVALID_EVENT_TRANSITION'],
    ['CANCELED', 'EVENT_NOT_EDITABLE'],
  ])('from %s answers %s', (status, type) => {
    expect(completeEvent(anEvent({ status, startsAt: T0, endsAt: null }), T0 + hours(1))).toMatchObject({ ok: false, error: { type } });
  });
});
