// Bulk seeding by raw SQL: rows cloned from real ones the API wrote (an event, its price option, a booking), so that
// every column the repositories read is there in the form they expect, whatever migrations come later. Only ids,
// titles, dates and counters are changed.
import { randomUUID } from 'node:crypto';

const DAY = 86_400_000;

/** The rows of one event the API created and published, and of one booking it made, as templates. */
export async function templates(sql, eventId, bookingId) {
  const event = await sql.one('SELECT * FROM events WHERE id = :id', { id: eventId });
  const option = await sql.one('SELECT * FROM price_options WHERE event_id = :id', { id: eventId });
  const booking = bookingId ? await sql.one('SELECT * FROM bookings WHERE id = :id', { id: bookingId }) : null;
  if (!event || !option) throw new Error(`template event ${eventId} not found in the database`);
  return { event, option, booking };
}

/**
 * `count` published events with one price option each, cloned from the template. `title(i)` and `startsAt(i)` (ms)
 * vary them. Returns [{ eventId, optionId, price }].
 */
export async function cloneEvents(sql, tpl, count, { capacity, title = (i) => `Bench event ${i}`, startsAt = (i) => Date.now() + (30 + (i % 300)) * DAY } = {}) {
  const events = [];
  const options = [];
  const out = [];
  const now = new Date();
  for (let i = 0; i < count; i += 1) {
    const id = randomUUID();
    const optionId = randomUUID();
    const start = startsAt(i);
    events.push({
      ...tpl.event, id, title: title(i), starts_at: new Date(start), ends_at: new Date(start + 3 * 3_600_000),
      capacity: capacity ?? tpl.event.capacity, seats_taken: 0, published_at: now, created_at: now, updated_at: now, version: 1,
    });
    options.push({ ...tpl.option, id: optionId, event_id: id, seats_taken: 0 });
    out.push({ eventId: id, optionId, price: tpl.option.price });
  }
  await sql.insert('events', events);
  await sql.insert('price_options', options);
  return out;
}

/**
 * `count` PENDING_PAYMENT bookings of one seat each, spread over `events` (round robin), whose payment deadline is
 * `overdueMs` in the past; the seat counters of the events and options are raised to match.
 */
export async function seedDueBookings(sql, tpl, events, count, overdueMs) {
  if (!tpl.booking) throw new Error('no booking template');
  const now = new Date();
  const deadline = new Date(Date.now() - overdueMs);
  const perEvent = new Map();
  const chunk = 5_000;
  for (let i = 0; i < count; i += chunk) {
    const rows = [];
    for (let j = i; j < Math.min(count, i + chunk); j += 1) {
      const e = events[j % events.length];
      perEvent.set(e, (perEvent.get(e) ?? 0) + 1);
      rows.push({
        ...tpl.booking, id: randomUUID(), event_id: e.eventId, user_id: `bench-due-${randomUUID()}`, price_option_id: e.optionId,
        quantity: 1, status: 'PENDING_PAYMENT', total_amount: e.price, paid_amount: 0, ticket_code: null, promo_code_id: null,
        refund_amount: null, refund_percent: null, refund_status: null, waitlist_entry_id: null, cancel_reason: null,
        checked_in_at: null, payment_deadline: deadline, created_at: new Date(deadline.getTime() - 5 * 60_000), updated_at: now,
      });
    }
    await sql.insert('bookings', rows);
  }
  // One UPDATE per distinct seat count keeps this to a handful of statements.
  const byCount = new Map();
  for (const [e, n] of perEvent) byCount.set(n, [...(byCount.get(n) ?? []), e]);
  for (const [n, list] of byCount) {
    for (let i = 0; i < list.length; i += 500) {
      const part = list.slice(i, i + 500);
      await sql.exec(`UPDATE events SET seats_taken = seats_taken + ${n} WHERE id IN (:ids)`, { ids: part.map((e) => e.eventId) });
      await sql.exec(`UPDATE price_options SET seats_taken = seats_taken + ${n} WHERE id IN (:ids)`, { ids: part.map((e) => e.optionId) });
    }
  }
}
