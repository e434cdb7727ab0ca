import { describe, expect, it } from 'vitest';
import { anEvent, hours, T0 } from '../shared/fixtures.test-support.js';
import { aDraft } from './event.test-support.js';
import type { EventStatus } from './event.types.js';
import { approveEvent, rejectEvent, submitEvent } from './review-event.js';

const now = T0;
const inReview = aDraft({ status: 'IN_REVIEW' });

describe('submitEvent', () => {
  it('DRAFT → IN_REVIEW when the organisation reviews its events', () => {
    const r = submitEvent(aDraft(), { now, reviewRequired: true });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ status: 'IN_REVIEW', publishAt: null });
    expect(r.value.events).toEqual([{ type: 'event.updated', subject: 'evt-1', data: { eventId: 'evt-1', changedFields: ['status'] } }]);
  });

  it('carries the wished publishAt with the submission', () => {
    const r = submitEvent(aDraft(), { now, reviewRequired: true, publishAt: now + hours(3) });
    expect(r.ok && r.value.state.publishAt).toBe(now + hours(3));
    expect(r.ok && r.value.events[0]?.data).toEqual({ eventId: 'evt-1', changedFields: ['status', 'publishAt'] });
  });

  it('keeps an earlier rejection reason for the admin to see', () => {
    const r = submitEvent(aDraft({ rejectionReason: 'no photos' }), { now, reviewRequired: true });
    expect(r.ok && r.value.state.rejectionReason).toBe('no photos');
  });

  it('is refused without reviewRequired (publish instead)', () => {
    const r = submitEvent(aDraft(), { now, reviewRequired: false });
    expect(r).toMatchObject({ ok: false, error: { type: 'INVALID_EVENT_TRANSITION', from: 'DRAFT', command: 'submit' } });
  });

  it('refuses a started event and a publishAt after the start', () => {
    expect(submitEvent(aDraft({ startsAt: now - 1, endsAt: null }), { now, reviewRequired: true })).toMatchObject({
      ok: false, error: { type: 'INVALID_EVENT', field: 'startsAt' },
    });
    expect(submitEvent(aDraft(), { now, reviewRequired: true, publishAt: T0 + hours(241) })).toMatchObject({
      ok: false, error: { type: 'INVALID_EVENT', field: 'publishAt' },
    });
  });

  it.each<[EventStatus, string]>([
    ['IN_REVIEW', 'INVALID_EVENT_TRANSITION'],
    ['SCHEDULED', 'INVALID_EVENT_TRANSITION'],
    ['PUBLISHED', 'INVALID_EVENT_TRANSITION'],
    ['CANCELED', 'EVENT_NOT_EDITABLE'],
    ['COMPLETED', 'EVENT_NOT_EDITABLE'],
  ])('from %s answers %s', (status, type) => {
    expect(submitEvent(anEvent({ status }), { now, reviewRequired: true })).toMatchObject({ ok: false, error: { type } });
  });
});

describe('approveEvent', () => {
  it('IN_REVIEW → PUBLISHED now, clearing a past rejection reason', () => {
    const r = approveEvent({ ...inReview, rejectionReason: 'no photos' }, { now });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ status: 'PUBLISHED', publishedAt: now, rejectionReason: null });
    expect(r.value.events.map((e) => e.type)).toEqual(['event.published']);
  });

  it('IN_REVIEW → SCHEDULED with the admin publishAt', () => {
    const r = approveEvent(inReview, { now, publishAt: now + hours(2) });
    expect(r.ok && r.value.state).toMatchObject({ status: 'SCHEDULED', publishAt: now + hours(2), publishedAt: null });
  });

  it('uses the organiser publishAt when the admin gives none, and publishes now when it has passed', () => {
    const wished = { ...inReview, publishAt: now + hours(2) };
    expect(approveEvent(wished, { now })).toMatchObject({ ok: true, value: { state: { status: 'SCHEDULED' } } });
    expect(approveEvent(wished, { now: now + hours(3) })).toMatchObject({ ok: true, value: { state: { status: 'PUBLISHED' } } });
    expect(approveEvent(wished, { now, publishAt: null })).toMatchObject({ ok: true, value: { state: { status: 'PUBLISHED' } } });
  });

  it('refuses a publishAt after the start', () => {
    expect(approveEvent(inReview, { now, publishAt: T0 + hours(300) })).toMatchObject({
      ok: false, error: { type: 'INVALID_EVENT', field: 'publishAt' },
    });
  });

  it.each<[EventStatus, string]>([
    ['DRAFT', 'INVALID_EVENT_TRANSITION'],
    ['SCHEDULED', 'INVALID_EVENT_TRANSITION'],
    ['COMPLETED', 'EVENT_NOT_EDITABLE'],
  ])('from %s answers %s', (status, type) => {
    expect(approveEvent(anEvent({ status }), { now })).toMatchObject({ ok: false, error: { type } });
  });
});

describe('rejectEvent', () => {
  it('IN_REVIEW → DRAFT with the trimmed reason kept', () => {
    const r = rejectEvent({ ...inReview, publishAt: now + hours(1) }, { reason: '  add a photo ', now });
    if (!r.ok) throw new Error(r.error.detail);
    expect(r.value.state).toMatchObject({ status: 'DRAFT', rejectionReason: 'add a photo', publishAt: null });
    expect(r.value.events[0]?.data).toEqual({ eventId: 'evt-1', changedFields: ['status', 'rejectionReason', 'publishAt'] });
  });

  it('needs a reason (INVALID_EVENT reason)', () => {
    expect(rejectEvent(inReview, { reason: '  ', now })).toMatchObject({ ok: false, error: { type: 'INVALID_EVENT', field: 'reason' } });
    expect(rejectEvent(inReview, { reason: 'x'.repeat(1001), now })).toMatchObject({ ok: false, error: { field: 'reason' } });
  });

  it.each<[EventStatus, string]>([
    ['DRAFT', 'INVALID_EVENT_TRANSITION'],
    ['PUBLISHED', 'INVALID_EVENT_TRANSITION'],
    ['CANCELED', 'EVENT_NOT_EDITABLE'],
  ])('from %s answers %s', (status, type) => {
    expect(rejectEvent(anEvent({ status }), { reason: 'r', now })).toMatchObject({ ok: false, error: { type } });
  });
});
