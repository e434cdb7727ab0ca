import { describe, expect, it } from 'vitest';
import { anEvent, T0 } from '../shared/fixtures.test-support.js';
import { assertDeletable, cancelEvent } from './cancel-event.js';
import { aCrew } from './event.test-support.js';
import type { EventStatus } from './event.types.js';

const now = T0;

describe('cancelEvent', () => {
  it('PUBLISHED → CANCELED with reason, time and event.canceled', () => {
    const r = cancelEvent(anEvent(), { reason: ' storm warning ', now });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ status: 'CANCELED', cancelReason: 'storm warning', canceledAt: now });
    expect(r.value.events).toEqual([
      { type: 'event.canceled', subject: 'evt-1', data: { eventId: 'evt-1', reason: 'storm warning', canceledAt: now } },
    ]);
  });

  it.each<EventStatus>(['DRAFT', 'IN_REVIEW', 'SCHEDULED'])('also cancels from %s', (status) => {
    expect(cancelEvent(anEvent({ status }), { reason: 'r', now })).toMatchObject({ ok: true, value: { state: { status: 'CANCELED' } } });
  });

  it.each(['PENDING', 'ASSIGNED'] as const)('releases a %s crew', (crewStatus) => {
    const crewId = crewStatus === 'ASSIGNED' ? 'crew-7' : null;
    const r = cancelEvent(anEvent({ crew: aCrew({ status: crewStatus, crewId }) }), { reason: 'r', now });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state.crew.status).toBe('RELEASED');
    expect(r.value.events.map((e) => e.type)).toEqual(['event.canceled', 'crew.released']);
    expect(r.value.events[1]?.data).toEqual({ eventId: 'evt-1', crewId });
  });

  it.each(['NONE', 'FAILED'] as const)('has no crew to release when it is %s', (crewStatus) => {
    const r = cancelEvent(anEvent({ crew: aCrew({ status: crewStatus }) }), { reason: 'r', now });
    expect(r.ok && r.value.state.crew.status).toBe(crewStatus);
    expect(r.ok && r.value.events.map((e) => e.type)).toEqual(['event.canceled']);
  });

  it('canceling twice is a no-op returning the event, even without a reason', () => {
    const canceled = anEvent({ status: 'CANCELED', cancelReason: 'first', canceledAt: now - 1 });
    const r = cancelEvent(canceled, { reason: '', now });
    expect(r.ok && r.value).toEqual({ state: canceled, events: [] });
    expect(r.ok && r.value.state).toBe(canceled);
  });

  it('a COMPLETED event cannot be canceled', () => {
    expect(cancelEvent(anEvent({ status: 'COMPLETED' }), { reason: 'r', now })).toMatchObject({
      ok: false, error: { type: 'EVENT_NOT_EDITABLE', status: 'COMPLETED' },
    });
  });

  it('needs a reason', () => {
    expect(cancelEvent(anEvent(), { reason: ' ', now })).toMatchObject({ ok: false, error: { type: 'INVALID_EVENT', field: 'reason' } });
  });
});

describe('assertDeletable', () => {
  it('lets a DRAFT be deleted', () => {
    const draft = anEvent({ status: 'DRAFT' });
    expect(assertDeletable(draft)).toEqual({ ok: true, value: draft });
  });

  it.each<EventStatus>(['IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED'])('refuses %s', (status) => {
    expect(assertDeletable(anEvent({ status }))).toMatchObject({ ok: false, error: { type: 'EVENT_NOT_DELETABLE', status } });
  });
});
