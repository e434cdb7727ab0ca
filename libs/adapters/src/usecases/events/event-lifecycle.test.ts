import { describe, expect, it } from 'vitest';
import { admin, buyer, DAY, errorOf, eventWorld, guest, HOUR, manager, ORG, outsider, owner, scheduler, staff, T0, value } from './event-world.test-support.js';

describe('publish, schedule, unschedule', () => {
  it('publishes a draft now, announced by event.published and an audit row', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    const view = value(await w.publish.execute(manager, { eventId: draft.id }));
    expect(view).toMatchObject({ status: 'PUBLISHED', publishedAt: T0, publishAt: null });
    expect((await w.messages('event.published')).map((m) => m.subject)).toEqual([draft.id]);
    const { items } = await w.audit.query({ entityId: draft.id, page: 1, size: 10 });
    expect(items.map((a) => [a.from, a.to, a.actorId])).toContainEqual(['DRAFT', 'PUBLISHED', 'manager-1']);
    expect(errorOf(await w.publish.execute(owner, { eventId: draft.id }))).toBe('INVALID_EVENT_TRANSITION');
  });

  it('schedules a publication in the future, and unscheduling returns it to DRAFT', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    const scheduled = value(await w.publish.execute(owner, { eventId: draft.id, publishAt: T0 + DAY }));
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', publishAt: T0 + DAY, publishedAt: null });
    expect(errorOf(await w.get.execute(guest, { eventId: draft.id }))).toBe('EVENT_NOT_FOUND');
    const back = value(await w.unschedule.execute(owner, { eventId: draft.id }));
    expect(back).toMatchObject({ status: 'DRAFT', publishAt: null });
    expect(errorOf(await w.unschedule.execute(owner, { eventId: draft.id }))).toBe('INVALID_EVENT_TRANSITION');
  });

  it('refuses a publishAt after the start', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    expect(errorOf(await w.publish.execute(owner, { eventId: draft.id, publishAt: T0 + 10 * DAY }))).toBe('INVALID_EVENT');
  });

  it('checks who asks: guests sign in, outsiders do not see drafts, staff and buyers may not publish', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    expect(errorOf(await w.publish.execute(guest, { eventId: draft.id }))).toBe('NOT_AUTHENTICATED');
    expect(errorOf(await w.publish.execute(outsider, { eventId: draft.id }))).toBe('EVENT_NOT_FOUND');
    expect(errorOf(await w.publish.execute(staff, { eventId: draft.id }))).toBe('FORBIDDEN');
    expect(errorOf(await w.publish.execute(owner, { eventId: '00000000-0000-7000-8000-0000000000ee' }))).toBe('EVENT_NOT_FOUND');
    const published = await w.published();
    expect(errorOf(await w.unschedule.execute(buyer, { eventId: published.id }))).toBe('FORBIDDEN');
    expect(value(await w.publish.execute(admin, { eventId: draft.id })).status).toBe('PUBLISHED');
  });
});

describe('review: submit, approve, reject', () => {
  it('makes an organisation that reviews its events submit instead of publishing', async () => {
    const w = await eventWorld();
    await w.setReviewRequired(ORG, true);
    const draft = await w.draft();
    expect(errorOf(await w.publish.execute(owner, { eventId: draft.id }))).toBe('REVIEW_REQUIRED');
    const submitted = value(await w.submit.execute(owner, { eventId: draft.id, publishAt: T0 + DAY }));
    expect(submitted).toMatchObject({ status: 'IN_REVIEW', publishAt: T0 + DAY });
  });

  it('refuses a submission from an organisation that does not review', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    expect(errorOf(await w.submit.execute(owner, { eventId: draft.id }))).toBe('INVALID_EVENT_TRANSITION');
  });

  it('lets only admins approve, on the organiser\'s wished date unless they set another', async () => {
    const w = await eventWorld();
    await w.setReviewRequired(ORG, true);
    const a = await w.draft();
    const b = await w.draft();
    value(await w.submit.execute(owner, { eventId: a.id, publishAt: T0 + DAY }));
    value(await w.submit.execute(owner, { eventId: b.id, publishAt: T0 + DAY }));
    expect(errorOf(await w.approve.execute(owner, { eventId: a.id }))).toBe('FORBIDDEN');
    expect(errorOf(await w.approve.execute(outsider, { eventId: a.id }))).toBe('EVENT_NOT_FOUND');
    expect(errorOf(await w.approve.execute(guest, { eventId: a.id }))).toBe('NOT_AUTHENTICATED');
    expect(value(await w.approve.execute(admin, { eventId: a.id }))).toMatchObject({ status: 'SCHEDULED', publishAt: T0 + DAY });
    expect(value(await w.approve.execute(admin, { eventId: b.id, publishAt: null }))).toMatchObject({ status: 'PUBLISHED', publishedAt: T0 });
  });

  it('rejects back to DRAFT with the reason on the event and in the audit', async () => {
    const w = await eventWorld();
    await w.setReviewRequired(ORG, true);
    const draft = await w.draft();
    value(await w.submit.execute(owner, { eventId: draft.id }));
    expect(errorOf(await w.reject.execute(admin, { eventId: draft.id, reason: '  ' }))).toBe('INVALID_EVENT');
    expect(errorOf(await w.reject.execute(manager, { eventId: draft.id, reason: 'no' }))).toBe('FORBIDDEN');
    const rejected = value(await w.reject.execute(admin, { eventId: draft.id, reason: 'Add a photo' }));
    expect(rejected).toMatchObject({ status: 'DRAFT', rejectionReason: 'Add a photo' });
    const { items } = await w.audit.query({ entityId: draft.id, page: 1, size: 10 });
    expect(items.map((a) => [a.from, a.to, a.reason])).toContainEqual(['IN_REVIEW', 'DRAFT', 'Add a photo']);
  });
});

describe('scheduler jobs: publish-scheduled-events, complete-finished-events', () => {
  it('publishes scheduled events whose time has come, once', async () => {
    const w = await eventWorld();
    const soon = await w.draft();
    const later = await w.draft();
    value(await w.publish.execute(owner, { eventId: soon.id, publishAt: T0 + HOUR }));
    value(await w.publish.execute(owner, { eventId: later.id, publishAt: T0 + 2 * DAY }));
    expect(await w.publishDue.execute(scheduler)).toEqual({ examined: 0, changed: 0 });
    w.clock.set(T0 + 2 * HOUR);
    expect(await w.publishDue.execute(scheduler)).toEqual({ examined: 1, changed: 1 });
    expect(await w.publishDue.execute(scheduler)).toEqual({ examined: 0, changed: 0 });
    expect(value(await w.get.execute(guest, { eventId: soon.id }))).toMatchObject({ status: 'PUBLISHED', publishedAt: T0 + 2 * HOUR });
    expect((await w.messages('event.published')).map((m) => [m.subject, m.actorId])).toEqual([[soon.id, 'scheduler']]);
  });

  it('completes published events once they are over, in batches, once', async () => {
    const w = await eventWorld();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await w.published({ startsAt: T0 + DAY + i * HOUR })).id);
    const withEnd = await w.published({ startsAt: T0 + DAY, endsAt: T0 + 3 * DAY });
    w.clock.set(T0 + 2 * DAY);
    expect(await w.completeDue.execute(scheduler, { batchSize: 2 })).toEqual({ examined: 5, changed: 5 });
    expect(await w.completeDue.execute(scheduler)).toEqual({ examined: 0, changed: 0 });
    expect(value(await w.get.execute(guest, { eventId: withEnd.id })).status).toBe('PUBLISHED');
    expect(value(await w.get.execute(guest, { eventId: ids[0] ?? '' })).status).toBe('COMPLETED');
    expect(await w.messages('event.completed')).toHaveLength(5);
  });
});
