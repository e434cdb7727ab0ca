import { describe, expect, it } from 'vitest';
import { anEvent, hours, T0 } from '../shared/fixtures.test-support.js';
import { DomainInvariantError } from '../shared/result.js';
import { aDraft } from './event.test-support.js';
import type { EventStatus } from './event.types.js';
import { publishDueEvent, publishEvent, unscheduleEvent } from './publish-event.js';

const now = T0;

describe('publishEvent', () => {
  it('DRAFT → PUBLISHED now, with publishedAt and event.published', () => {
    const r = publishEvent(aDraft(), { now, reviewRequired: false });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ status: 'PUBLISHED', publishedAt: now, publishAt: null });
    expect(r.value.events).toEqual([
      {
        type: 'event.published',
        subject: 'evt-1',
        data: { eventId: 'evt-1', organizationId: 'org-1', title: 'Sunset kayak tour', startsAt: T0 + hours(240), publishedAt: now },
      },
    ]);
  });

  it('publishes now when publishAt is not in the future', () => {
    for (const publishAt of [now, now - hours(1), null]) {
      const r = publishEvent(aDraft(), { now, publishAt, reviewRequired: false });
      expect(r.ok && r.value.state.status).toBe('PUBLISHED');
    }
  });

  it('DRAFT → SCHEDULED when publishAt is ahead, keeping publishAt', () => {
    const publishAt = now + hours(5);
    const r = publishEvent(aDraft(), { now, publishAt, reviewRequired: false });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ status: 'SCHEDULED', publishAt, publishedAt: null });
    expect(r.value.events).toEqual([
      { type: 'event.updated', subject: 'evt-1', data: { eventId: 'evt-1', changedFields: ['status', 'publishAt'] } },
    ]);
  });

  it('refuses a publishAt at or after the start (INVALID_EVENT publishAt)', () => {
    const event = aDraft();
    const r = publishEvent(event, { now, publishAt: event.startsAt, reviewRequired: false });
    expect(r).toMatchObject({ ok: false, error: { type: 'INVALID_EVENT', field: 'publishAt' } });
  });

  it('refuses to publish an event that has started (INVALID_EVENT startsAt)', () => {
    const r = publishEvent(aDraft({ startsAt: now, endsAt: null }), { now, reviewRequired: false });
    expect(r).toMatchObject({ ok: false, error: { type: 'INVALID_EVENT', field: 'startsAt' } });
  });

  it('answers REVIEW_REQUIRED when the organisation reviews its events', () => {
    const r = publishEvent(aDraft(), { now, reviewRequired: true });
    expect(r).toMatchObject({ ok: false, error: { type: 'REVIEW_REQUIRED' } });
  });

  it.each<EventStatus>(['IN_REVIEW', 'SCHEDULED', 'PUBLISHED'])('answers INVALID_EVENT_TRANSITION from %s', (status) => {
    const r = publishEvent(anEvent({ status }), { now, reviewRequired: false });
    expect(r).toMatchObject({ ok: false, error: { type: 'INVALID_EVENT_TRANSITION', from: status, command: 'publish' } });
  });

  it.each<EventStatus>(['CANCELED', 'COMPLETED'])('answers EVENT_NOT_EDITABLE from %s, even with review required', (status) => {
    const r = publishEvent(anEvent({ status }), { now, reviewRequired: true });
    expect(r).toMatchObject({ ok: false, error: { type: 'EVENT_NOT_EDITABLE', status } });
  });

  it('throws when now is not an instant', () => {
    expect(() => publishEvent(aDraft(), { now: Number.NaN, reviewRequired: false })).toThrow(DomainInvariantError);
  });
});

describe('publishDueEvent', () => {
  const scheduled = aDraft({ status: 'SCHEDULED', publishAt: now + hours(1) });

  it('SCHEDULED → PUBLISHED once publishAt has come', () => {
    for (const at of [now + hours(1), now + hours(2)]) {
      const r = publishDueEvent(scheduled, at);
      if (!r.ok) throw new Error(r.error.detail);
      expect(r.value.state).toMatchObject({ status: 'PUBLISHED', publishedAt: at, publishAt: now + hours(1) });
      expect(r.value.events.map((e) => e.type)).toEqual(['event.published']);
    }
  });

  it('leaves an event that is not due unchanged, without messages', () => {
    const r = publishDueEvent(scheduled, now + hours(1) - 1);
    expect(r.ok && r.value.state).toBe(scheduled);
    expect(r.ok && r.value.events).toEqual([]);
  });

  it('is a no-op on an event already published by an earlier run', () => {
    const published = anEvent();
    const r = publishDueEvent(published, now);
    expect(r.ok && r.value).toEqual({ state: published, events: [] });
  });

  it('answers INVALID_EVENT_TRANSITION from DRAFT and EVENT_NOT_EDITABLE from a terminal state', () => {
    expect(publishDueEvent(aDraft(), now)).toMatchObject({ ok: false, error: { type: 'INVALID_EVENT_TRANSITION', command: 'publish-due' } });
    expect(publishDueEvent(anEvent({ status: 'CANCELED' }), now)).toMatchObject({ ok: false, error: { type: 'EVENT_NOT_EDITABLE' } });
  });
});

describe('unscheduleEvent', () => {
  it('SCHEDULED → DRAFT, dropping publishAt', () => {
    const r = unscheduleEvent(aDraft({ status: 'SCHEDULED', publishAt: now + hours(1) }), { now });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ status: 'DRAFT', publishAt: null });
    expect(r.value.events).toEqual([
      { type: 'event.updated', subject: 'evt-1', data: { eventId: 'evt-1', changedFields: ['status', 'publishAt'] } },
    ]);
  });

  it.each<[EventStatus, string]>([
    ['DRAFT', 'INVALID_EVENT_TRANSITION'],
    ['PUBLISHED', 'INVALID_EVENT_TRANSITION'],
    ['IN_REVIEW', 'INVALID_EVENT_TRANSITION'],
    ['COMPLETED', 'EVENT_NOT_EDITABLE'],
  ])('from %s answers %s', (status, type) => {
    expect(unscheduleEvent(anEvent({ status }), { now })).toMatchObject({ ok: false, error: { type } });
  });
});
