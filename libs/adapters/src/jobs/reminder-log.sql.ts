import type { ReminderLog, ReminderMark, ReminderWindow, TxContext } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import { QueryTypes } from 'sequelize';
import type { Database } from '../sql/database.js';
import { sqlTransaction } from '../sql/sql-unit-of-work.js';

const key = (bookingId: string, window: string): string => `${bookingId}/${window}`;

/** `reminders_sent` (migration 0007) on SQLite and PostgreSQL. */
export class SqlReminderLog implements ReminderLog {
  constructor(private readonly db: Database) {}

  async markSent(tx: TxContext, marks: readonly ReminderMark[]): Promise<readonly ReminderMark[]> {
    if (marks.length === 0) return [];
    const transaction = sqlTransaction(tx);
    // In key order, so that two transactions marking overlapping pages wait for one another instead of deadlocking.
    const unique = new Map(marks.map((m) => [key(m.bookingId, m.window), m]));
    const sorted = [...unique].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
    const replacements: Record<string, unknown> = {};
    const values = sorted.map((m, i) => {
      Object.assign(replacements, { [`b${i}`]: m.bookingId, [`w${i}`]: m.window, [`e${i}`]: m.eventId, [`t${i}`]: new Date(m.sentAt) });
      return `(:b${i}, :w${i}, :e${i}, :t${i})`;
    });
    const insert = `INSERT INTO reminders_sent (booking_id, "window", event_id, sent_at) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`;
    if (this.db.dialect === 'postgres') {
      // A pair another transaction is inserting makes this one wait for its commit, then count as taken.
      const rows = await this.db.sequelize.query<{ booking_id: string; window: ReminderWindow }>(`${insert} RETURNING booking_id, "window"`, {
        type: QueryTypes.SELECT,
        replacements,
        transaction,
      });
      const fresh = new Set(rows.map((r) => key(r.booking_id, r.window)));
      return sorted.filter((m) => fresh.has(key(m.bookingId, m.window)));
    }
    // SQLite: this transaction holds the only write lock until it commits, so what is missing now is what it inserts.
    const bookingIds = [...new Set(sorted.map((m) => m.bookingId))];
    const taken = await this.db.sequelize.query<{ booking_id: string; window: string }>(
      'SELECT booking_id, "window" FROM reminders_sent WHERE booking_id IN (:bookingIds)',
      { type: QueryTypes.SELECT, replacements: { bookingIds }, transaction },
    );
    const seen = new Set(taken.map((r) => key(r.booking_id, r.window)));
    await this.db.sequelize.query(insert, { type: QueryTypes.INSERT, replacements, transaction });
    return sorted.filter((m) => !seen.has(key(m.bookingId, m.window)));
  }

  async purge(tx: TxContext, before: Instant): Promise<number> {
    const transaction = sqlTransaction(tx);
    const replacements = { before: new Date(before) };
    if (this.db.dialect === 'postgres') {
      const rows = await this.db.sequelize.query('DELETE FROM reminders_sent WHERE sent_at < :before RETURNING 1', {
        type: QueryTypes.SELECT,
        replacements,
        transaction,
      });
      return rows.length;
    }
    const [row] = await this.db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM reminders_sent WHERE sent_at < :before', {
      type: QueryTypes.SELECT,
      replacements,
      transaction,
    });
    await this.db.sequelize.query('DELETE FROM reminders_sent WHERE sent_at < :before', { type: QueryTypes.BULKDELETE, replacements, transaction });
    return Number(row?.n ?? 0);
  }
}
