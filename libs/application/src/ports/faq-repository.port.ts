import type { Instant } from '@aquastream/domain';
import type { TxContext } from './unit-of-work.port.js';

/** One question and answer of an event's FAQ (DESIGN §4 `GET, POST /events/{id}/faq`). */
export type FaqEntry = {
  readonly id: string;
  readonly eventId: string;
  readonly question: string;
  readonly answer: string;
  /** Display order within the event, ascending. */
  readonly position: number;
  readonly createdAt: Instant;
};

export interface FaqRepository {
  /** An event's entries by position, then creation, then id. */
  listByEvent(tx: TxContext | null, eventId: string): Promise<readonly FaqEntry[]>;
  findById(tx: TxContext | null, id: string): Promise<FaqEntry | null>;
  insert(tx: TxContext, entry: FaqEntry): Promise<void>;
  /** Writes question, answer and position; false when the entry does not exist. */
  update(tx: TxContext, entry: FaqEntry): Promise<boolean>;
  /** False when the entry did not exist. */
  delete(tx: TxContext, id: string): Promise<boolean>;
}
