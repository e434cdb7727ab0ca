import { describe, expect, it } from 'vitest';
import { admin, buyer, DAY, errorOf, eventWorld, guest, HOUR, manager, outsider, owner, scheduler, staff, T0, user, value } from './event-world.test-support.js';

describe('GetEventUseCase', () => {
  it('shows drafts only to their organisation (any role) and admins', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    for (const ctx of [guest, buyer, outsider]) expect(errorOf(await w.get.execute(ctx, { eventId: draft.id }))).toBe('EVENT_NOT_FOUND');
    for (const ctx of [owner, staff, admin]) expect(value(await w.get.execute(ctx, { eventId: draft.id })).id).toBe(draft.id);
    const published = await w.published();
    expect(value(await w.get.execute(guest, { eventId: published.id })).status).toBe('PUBLISHED');
    expect(errorOf(await w.get.execute(admin, { eventId: '00000000-0000-7000-8000-0000000000ee' }))).toBe('EVENT_NOT_FOUND');
  });
});

describe('UpdateEventUseCase', () => {
  it('changes any subset, announced by one event.updated naming the fields', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    w.clock.advance(HOUR);
    const view = value(await w.update.execute(manager, { eventId: draft.id, title: 'Moonlight tour', description: 'At night', capacity: 12 }));
    expect(view).toMatchObject({ title: 'Moonlight tour', description: 'At night', capacity: 12, updatedAt: T0 + HOUR, createdAt: T0 });
    const updated = await w.messages('event.updated');
    expect(updated.map((m) => m.data)).toEqual([{ eventId: draft.id, changedFields: ['title', 'capacity', 'description'] }]);
    expect((await w.events.findById(null, draft.id))?.version).toBe(2);
  });

  it('writes nothing and announces nothing when nothing changes', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    value(await w.update.execute(owner, { eventId: draft.id, title: draft.title, description: null }));
    expect(await w.messages('event.updated')).toEqual([]);
    expect((await w.events.findById(null, draft.id))?.version).toBe(1);
  });

  it('checks who asks', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    const published = await w.published();
    expect(errorOf(await w.update.execute(guest, { eventId: published.id, title: 'x' }))).toBe('NOT_AUTHENTICATED');
    expect(errorOf(await w.update.execute(buyer, { eventId: draft.id, title: 'x' }))).toBe('EVENT_NOT_FOUND');
    expect(errorOf(await w.update.execute(buyer, { eventId: published.id, title: 'x' }))).toBe('FORBIDDEN');
    expect(errorOf(await w.update.execute(staff, { eventId: published.id, title: 'x' }))).toBe('FORBIDDEN');
    expect(errorOf(await w.update.execute(owner, { eventId: draft.id, featured: true }))).toBe('FORBIDDEN');
    expect(value(await w.update.execute(admin, { eventId: draft.id, featured: true })).featured).toBe(true);
  });

  it('treats new times of a PUBLISHED event as a reschedule', async () => {
    const w = await eventWorld();
    const published = await w.published();
    value(await w.update.execute(owner, { eventId: published.id, startsAt: T0 + 5 * DAY, reason: 'weather' }));
    const [message] = await w.messages('event.rescheduled');
    expect(message?.data).toMatchObject({ eventId: published.id, reason: 'weather', startsAt: new Date(T0 + 5 * DAY).toISOString() });
    expect((await w.events.findById(null, published.id))?.state.rescheduledAt).toBe(T0);
  });

  it('refuses a capacity below the seats taken, and edits of finished events', async () => {
    const w = await eventWorld();
    const published = await w.published();
    await w.takeSeats(published.id, 6);
    expect(errorOf(await w.update.execute(owner, { eventId: published.id, capacity: 5 }))).toBe('CAPACITY_BELOW_SEATS_TAKEN');
    expect(value(await w.update.execute(owner, { eventId: published.id, capacity: 6 })).seatsAvailable).toBe(0);
    w.clock.set(T0 + 4 * DAY);
    await w.completeDue.execute(scheduler);
    expect(errorOf(await w.update.execute(owner, { eventId: published.id, title: 'Late' }))).toBe('EVENT_NOT_EDITABLE');
  });

  it('offers seats freed by a capacity raise to the waitlist, in the same transaction', async () => {
    const w = await eventWorld();
    const published = await w.published({ capacity: 1, priceOptions: [{ name: 'Seat', price: 1_000 }] });
    await w.takeSeats(published.id, 1);
    const waiting = user('waiting-1');
    value(await w.joinWaitlist.execute(waiting, { eventId: published.id, quantity: 1 }));
    const view = value(await w.update.execute(owner, { eventId: published.id, capacity: 2 }));
    expect(view.seatsAvailable).toBe(0);
    expect((await w.messages('waitlist.offered')).map((m) => m.data['userId'])).toEqual(['waiting-1']);
  });

  it('replaces price options by id: new ones get ids, unknown ids are refused, descriptions kept', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    const [adult] = draft.priceOptions;
    if (adult === undefined) throw new Error('no option');
    expect(errorOf(await w.update.execute(owner, { eventId: draft.id, priceOptions: [{ id: '00000000-0000-7000-8000-0000000000aa', name: 'X', price: 1 }] }))).toBe(
      'INVALID_EVENT',
    );
    const view = value(
      await w.update.execute(owner, {
        eventId: draft.id,
        priceOptions: [
          { id: adult.id, name: 'Adult', price: 160_000 },
          { name: 'Senior', price: 100_000, description: 'From 65' },
        ],
      }),
    );
    expect(view.priceOptions.map((o) => [o.id === adult.id, o.name, o.price, o.description])).toEqual([
      [true, 'Adult', 160_000, 'Grown-ups'],
      [false, 'Senior', 100_000, 'From 65'],
    ]);
    expect(view.price).toBe(100_000);
  });

  it('needs an existing category', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    expect(errorOf(await w.update.execute(owner, { eventId: draft.id, categoryId: '00000000-0000-7000-8000-0000000000c9' }))).toBe('CATEGORY_NOT_FOUND');
    expect(value(await w.update.execute(owner, { eventId: draft.id, categoryId: null })).categoryId).toBeNull();
  });

  it('releases an assigned crew and asks for a new one when the times change', async () => {
    const w = await eventWorld();
    const published = await w.published({ crew: { size: 2, skills: ['skipper'] } });
    expect(published.crew).toEqual({ status: 'ASSIGNED', crewId: 'crew-1' });
    const view = value(await w.update.execute(owner, { eventId: published.id, startsAt: T0 + 4 * DAY }));
    expect(w.crewClient.releases).toEqual([{ eventId: published.id, crewId: 'crew-1' }]);
    expect(w.crewClient.requests.map((r) => r.startsAt)).toEqual([T0 + 3 * DAY, T0 + 4 * DAY]);
    expect(view.crew).toEqual({ status: 'ASSIGNED', crewId: 'crew-2' });
    expect((await w.messages('crew.released')).map((m) => m.data)).toEqual([{ eventId: published.id, crewId: 'crew-1' }]);
  });

  it('requests a crew with the patch, and releases it with crew: null', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    expect(value(await w.update.execute(owner, { eventId: draft.id, crew: { size: 1, skills: [] } })).crew.status).toBe('ASSIGNED');
    expect(value(await w.update.execute(owner, { eventId: draft.id, crew: null })).crew).toEqual({ status: 'RELEASED', crewId: 'crew-1' });
    expect(w.crewClient.releases).toEqual([{ eventId: draft.id, crewId: 'crew-1' }]);
  });
});

describe('DeleteEventUseCase', () => {
  it('deletes a draft with its FAQ and writes an audit row', async () => {
    const w = await eventWorld();
    const draft = await w.draft();
    value(await w.addFaq.execute(owner, { eventId: draft.id, question: 'Parking?', answer: 'Yes' }));
    expect(value(await w.remove.execute(owner, { eventId: draft.id }))).toEqual({ deleted: true });
    expect(await w.events.findById(null, draft.id)).toBeNull();
    expect(await w.faq.listByEvent(null, draft.id)).toEqual([]);
    const { items } = await w.audit.query({ entityId: draft.id, page: 1, size: 10 });
    expect(items.map((a) => a.to)).toContain('DELETED');
    expect(errorOf(await w.remove.execute(owner, { eventId: draft.id }))).toBe('EVENT_NOT_FOUND');
  });

  it('refuses anything but a draft, and people who may not manage it', async () => {
    const w = await eventWorld();
    const published = await w.published();
    const draft = await w.draft();
    expect(errorOf(await w.remove.execute(owner, { eventId: published.id }))).toBe('EVENT_NOT_DELETABLE');
    expect(errorOf(await w.remove.execute(guest, { eventId: draft.id }))).toBe('NOT_AUTHENTICATED');
    expect(errorOf(await w.remove.execute(outsider, { eventId: draft.id }))).toBe('EVENT_NOT_FOUND');
    expect(errorOf(await w.remove.execute(staff, { eventId: draft.id }))).toBe('FORBIDDEN');
    expect(await w.events.findById(null, published.id)).not.toBeNull();
  });
});
