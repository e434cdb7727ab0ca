import { err, ok, type EventStatus, type Instant, type Result } from '@aquastream/domain';
import { appError, type AppError } from '../errors.js';
import type { CatalogueQuery, EventRepository } from '../ports/event-repository.port.js';
import type { IdempotencyStore } from '../ports/idempotency-store.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';
import { requestHash } from '../shared/idempotent.js';

/** Which events a bulk command acts on: explicit ids, or a catalogue filter (the same as `events list`). */
export type EventFilter = {
  readonly q?: string;
  readonly categoryIds?: readonly string[];
  readonly from?: Instant;
  readonly to?: Instant;
  readonly featured?: boolean;
  readonly organizationId?: string;
  /** Without it: PUBLISHED and not yet started, as in the catalogue. */
  readonly statuses?: readonly EventStatus[];
};
export type EventSelection = { readonly eventIds: readonly string[] } | { readonly filter: EventFilter };

/** `planned` only in a dry run. */
export type BulkOutcome = 'done' | 'skipped' | 'failed' | 'planned';

export type BulkItem<D> = {
  readonly eventId: string;
  readonly outcome: BulkOutcome;
  /** An error code for `failed` (EVENT_NOT_FOUND, INVALID_EVENT, …), or why an item was `skipped`. */
  readonly code: string | null;
  readonly reason: string | null;
  readonly detail: D | null;
};

export type BulkResult<D> = {
  readonly dryRun: boolean;
  readonly items: readonly BulkItem<D>[];
  readonly counts: Readonly<Record<BulkOutcome, number>>;
};

export type BulkProgress<D> = (item: BulkItem<D>, index: number, total: number) => void;

/** Far more than an admin means to touch at once; a filter that matches more is refused rather than half-run. */
export const MAX_BULK_EVENTS = 10_000;
/** How long a done item is remembered, so that a re-run weeks later still skips it. */
export const BULK_IDEMPOTENCY_TTL_MS = 30 * 24 * 3_600_000;
const PAGE = 100;

/** The ids to act on, without repeats, in the order given (or catalogue order for a filter), read before any change. */
export async function resolveSelection(events: EventRepository, selection: EventSelection, now: Instant): Promise<Result<readonly string[], AppError>> {
  if ('eventIds' in selection) return ok([...new Set(selection.eventIds)]);
  const ids: string[] = [];
  const query: Omit<CatalogueQuery, 'page'> = { ...selection.filter, size: PAGE, sort: 'startsAt', now, visibleOrganizationIds: 'ALL' };
  for (let page = 1; ; page += 1) {
    const { items, total } = await events.search({ ...query, page });
    if (total > MAX_BULK_EVENTS) {
      return err(appError('INVALID_REQUEST', `the filter matches ${total} events, more than ${MAX_BULK_EVENTS}: narrow it`, { field: 'filter' }));
    }
    ids.push(...items.map((e) => e.state.id));
    if (items.length < PAGE || ids.length >= total) break;
  }
  return ok([...new Set(ids)]);
}

export type ItemAnswer<D> = Omit<BulkItem<D>, 'eventId'>;

/**
 * How long a claim may stay in progress before a re-run takes it over as a crashed run's (Ctrl-C, SIGKILL, a lost
 * connection): far longer than one event's transaction takes, far shorter than the 30 days the key is kept.
 */
export const BULK_CLAIM_LEASE_MS = 2 * 60_000;

/**
 * Stores the item's answer as done inside the work's own transaction, so that a crash after the commit cannot leave
 * the change made but the key in progress. For work that is not naturally idempotent (a shift by an amount).
 */
export type CompleteInTx<D> = (tx: TxContext, answer: ItemAnswer<D>) => Promise<void>;

/**
 * Runs one item of a bulk command once: the key is derived from the operation and its arguments, so a re-run of the
 * same command skips the items already done, while a failed item is released and tried again by the re-run. A claim
 * left in progress longer than `leaseMs` is a crashed run's and is taken over: safe because work that is not
 * idempotent completes its key in its own transaction (`completeInTx`), and the rest (a cancel) is a no-op the second
 * time. Younger claims may be a live run's and are reported IDEMPOTENCY_KEY_IN_PROGRESS.
 */
export async function runItemOnce<D>(
  store: IdempotencyStore,
  operation: string,
  args: Readonly<Record<string, unknown>>,
  now: Instant,
  work: (completeInTx: CompleteInTx<D>) => Promise<ItemAnswer<D>>,
  leaseMs: number = BULK_CLAIM_LEASE_MS,
): Promise<ItemAnswer<D>> {
  const scope = `admin:${operation}`;
  const key = requestHash({ operation, ...args });
  const claim = await store.claim(scope, key, key, now, BULK_IDEMPOTENCY_TTL_MS);
  const busy: ItemAnswer<D> = { outcome: 'failed', code: 'IDEMPOTENCY_KEY_IN_PROGRESS', reason: 'another run is working on this event', detail: null };
  switch (claim.kind) {
    case 'replay':
      return { outcome: 'skipped', code: 'ALREADY_DONE', reason: 'done by an earlier run', detail: claim.record.response as D | null };
    case 'in_progress':
      // Of several re-runs taking over the same stale claim, exactly one wins; the others report it busy.
      if (now - claim.since < leaseMs || !(await store.takeOver(scope, key, claim.since, now, BULK_IDEMPOTENCY_TTL_MS))) return busy;
      break;
    case 'mismatch':
      return busy;
    case 'claimed':
      break;
  }
  let completedInTx = false;
  const completeInTx: CompleteInTx<D> = async (tx, answer) => {
    await store.complete(tx, scope, key, 200, answer.detail);
    completedInTx = true;
  };
  let answer: ItemAnswer<D>;
  try {
    answer = await work(completeInTx);
  } catch (error: unknown) {
    // One item's infrastructure failure is that item's result; the others still run, and a re-run retries it.
    answer = { outcome: 'failed', code: 'INTERNAL', reason: error instanceof Error ? error.message : String(error), detail: null };
  }
  // release never forgets a completed key: after a committed completeInTx a later failure leaves it done.
  if (answer.outcome === 'failed') await store.release(scope, key);
  else if (!completedInTx) await store.complete(null, scope, key, 200, answer.detail);
  return answer;
}

/** Runs `each` over the ids one after another (each in its own transaction), reporting progress. */
export async function runBulk<D>(
  ids: readonly string[],
  dryRun: boolean,
  each: (eventId: string) => Promise<ItemAnswer<D>>,
  progress?: BulkProgress<D>,
): Promise<BulkResult<D>> {
  const items: BulkItem<D>[] = [];
  const counts: Record<BulkOutcome, number> = { done: 0, skipped: 0, failed: 0, planned: 0 };
  for (const [index, eventId] of ids.entries()) {
    const item: BulkItem<D> = { eventId, ...(await each(eventId)) };
    items.push(item);
    counts[item.outcome] += 1;
    progress?.(item, index, ids.length);
  }
  return { dryRun, items, counts };
}

export const failedItem = (error: AppError): ItemAnswer<never> => ({ outcome: 'failed', code: error.type, reason: error.detail, detail: null });
