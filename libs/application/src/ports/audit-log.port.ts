import type { Instant } from '@aquastream/domain';
import type { TxContext } from './unit-of-work.port.js';

export type AuditEntity = 'BOOKING' | 'WAITLIST' | 'EVENT' | 'PAYMENT';

/** One transition of a booking or waitlist entry (or an admin action on an event/payment), written with it. */
export type AuditEntry = {
  readonly id: string;
  readonly entity: AuditEntity;
  readonly entityId: string;
  /** The event the entity belongs to, so that an organiser's audit view can be scoped. */
  readonly eventId: string | null;
  readonly from: string | null;
  readonly to: string;
  readonly actorId: string;
  readonly reason: string | null;
  readonly at: Instant;
  readonly correlationId: string;
};

export type AuditQuery = {
  readonly entity?: AuditEntity;
  readonly entityId?: string;
  readonly actorId?: string;
  readonly from?: Instant;
  readonly to?: Instant;
  readonly page: number;
  readonly size: number;
};

export interface AuditLog {
  append(tx: TxContext, entries: readonly AuditEntry[]): Promise<void>;
  /** Newest first. */
  query(query: AuditQuery): Promise<{ readonly items: readonly AuditEntry[]; readonly total: number }>;
  /** Deletes booking and waitlist rows older than `before`; returns how many. */
  purge(tx: TxContext, before: Instant): Promise<number>;
}
