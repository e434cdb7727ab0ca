import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { draft, member, organiser, person, published, world } from './events.fixtures.test-support.js';

describe('/events/{id}/faq', () => {
  it('adds (201 + Location), lists in order (public), edits and deletes entries', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    const path = `/api/v1/events/${e.id}/faq`;
    const first = await w.call('POST', path, { token: org.token, body: { question: 'Parking?', answer: 'At the pier.' } });
    expect(first.status).toBe(201);
    expect(first.headers.get('location')).toBe(`${path}/${first.json.id}`);
    expect(first.json).toEqual({
      id: expect.any(String),
      eventId: e.id,
      question: 'Parking?',
      answer: 'At the pier.',
      position: 0,
      createdAt: new Date(w.clock.now()).toISOString(),
    });
    const second = await w.call('POST', path, { token: org.token, body: { question: 'Bring?', answer: 'Water.' } });
    expect(second.json.position).toBe(1);

    const list = await w.call('GET', path);
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ page: 1, totalElements: 2, totalPages: 1 });
    expect((list.json.data as { question: string }[]).map((f) => f.question)).toEqual(['Parking?', 'Bring?']);

    const edited = await w.call('PATCH', `${path}/${second.json.id}`, { token: org.token, body: { answer: 'Water and a hat.', position: 0 } });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ answer: 'Water and a hat.', position: 0 });

    expect((await w.call('DELETE', `${path}/${first.json.id}`, { token: org.token })).status).toBe(204);
    expect((await w.call('GET', path)).json.data).toHaveLength(1);
    const gone = await w.call('PATCH', `${path}/${first.json.id}`, { token: org.token, body: { answer: 'x' } });
    expect(gone.status).toBe(404);
    expect(gone.json.code).toBe('FAQ_NOT_FOUND');
  });

  it('keeps a draft’s FAQ from the public, and writes for the event’s organisers', async () => {
    const w = world();
    const org = await organiser(w);
    const d = await draft(w, org);
    const path = `/api/v1/events/${d.id}/faq`;
    expect((await w.call('GET', path)).status).toBe(404);
    expect((await w.call('GET', path, { token: org.token })).status).toBe(200);
    const body = { question: 'Q?', answer: 'A.' };
    expect((await w.call('POST', path, { body })).status).toBe(401);
    expect((await w.call('POST', path, { token: (await person(w)).token, body })).status).toBe(404);
    expect((await w.call('POST', path, { token: (await member(w, org, 'STAFF')).token, body })).status).toBe(403);
    expect((await w.call('POST', path, { token: (await member(w, org, 'MANAGER')).token, body })).status).toBe(201);
    expect((await w.call('POST', path, { token: (await person(w, ['ADMIN'])).token, body })).status).toBe(201);
  });

  it('refuses empty text and malformed ids (400), unknown events (404)', async () => {
    const w = world();
    const org = await organiser(w);
    const e = await published(w, org);
    expect((await w.call('POST', `/api/v1/events/${e.id}/faq`, { token: org.token, body: { question: '', answer: 'A' } })).status).toBe(400);
    expect((await w.call('PATCH', `/api/v1/events/${e.id}/faq/nope`, { token: org.token, body: { answer: 'A' } })).status).toBe(400);
    expect((await w.call('GET', `/api/v1/events/${randomUUID()}/faq`)).json.code).toBe('EVENT_NOT_FOUND');
  });
});
