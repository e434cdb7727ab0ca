import type { ReminderLog, ReminderMark, TxContext } from '@aquastream/application';
import type { Instant } from '@aquastream/domain';
import type { InMemoryDatabase } from '../memory/in-memory-database.js';

const TABLE = 'reminders_sent';

/** `reminders_sent` over InMemoryDatabase: the same key and the same answers as the SQL adapter. */
export class InMemoryReminderLog implements ReminderLog {
  constructor(private readonly db: InMemoryDatabase) {}

  markSent(tx: TxContext, marks: readonly ReminderMark[]): Promise<readonly ReminderMark[]> {
    const rows = this.db.table<ReminderMark>(TABLE, tx);
    const fresh: ReminderMark[] = [];
    for (const m of marks) {
      const key = `${m.bookingId}/${m.window}`;
      if (rows.has(key)) continue;
      rows.set(key, { ...m });
      fresh.push(m);
    }
    return Promise.resolve(fresh);
  }

  purge(tx: TxContext, before: Instant): Promise<number> {
    const rows = this.db.table<ReminderMark>(TABLE, tx);
    let count = 0;
    for (const [key, m] of rows) {
      if (m.sentAt < before) {
        rows.delete(key);
        count += 1;
      }
    }
    return Promise.resolve(count);
  }
}
