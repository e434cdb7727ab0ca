// The raw-SQL checks every drill ends with: what the database holds must be whole, whatever happened to the processes.
import type { DrillDatabase } from './drill.test-support.js';

/** Events whose seat counter differs from what their active holds add up to (PENDING_PAYMENT and CONFIRMED bookings, OFFERED waitlist entries). */
export async function seatDrift(db: DrillDatabase): Promise<{ id: string; seats_taken: number; held: number }[]> {
  return db.query(`
    SELECT e.id, e.seats_taken::int AS seats_taken,
           (COALESCE((SELECT SUM(b.quantity) FROM bookings b WHERE b.event_id = e.id AND b.status IN ('PENDING_PAYMENT', 'CONFIRMED')), 0)
          + COALESCE((SELECT SUM(w.quantity) FROM waitlist_entries w WHERE w.event_id = e.id AND w.status = 'OFFERED'), 0))::int AS held
      FROM events e
     WHERE e.seats_taken <> COALESCE((SELECT SUM(b.quantity) FROM bookings b WHERE b.event_id = e.id AND b.status IN ('PENDING_PAYMENT', 'CONFIRMED')), 0)
                         + COALESCE((SELECT SUM(w.quantity) FROM waitlist_entries w WHERE w.event_id = e.id AND w.status = 'OFFERED'), 0)`);
}

/** Bookings written without the `booking.created` message of their transaction. */
export async function bookingsWithoutCreatedMessage(db: DrillDatabase): Promise<string[]> {
  const rows = await db.query<{ id: string }>(`
    SELECT b.id FROM bookings b
     WHERE NOT EXISTS (SELECT 1 FROM outbox_messages o WHERE o.type = 'booking.created' AND o.subject = b.id::text)`);
  return rows.map((r) => r.id);
}

/** How many messages of `type` each subject has (only subjects with at least one). */
export async function messagesPerSubject(db: DrillDatabase, type: string): Promise<Map<string, number>> {
  const rows = await db.query<{ subject: string; n: number }>(`SELECT subject, COUNT(*)::int AS n FROM outbox_messages WHERE type = $1 GROUP BY subject`, [type]);
  return new Map(rows.map((r) => [r.subject, r.n]));
}

export async function count(db: DrillDatabase, sql: string, params: unknown[] = []): Promise<number> {
  const rows = await db.query<{ n: number }>(sql, params);
  return Number(rows[0]?.n ?? 0);
}
