import type { BulkItem, BulkOutcome } from '@aquastream/application';

/** One event of a bulk command as shown to the admin: what will change (plan) or what changed (run). */
export type PlanRow = {
  readonly eventId: string;
  readonly title: string | null;
  readonly statusBefore: string | null;
  readonly outcome: BulkOutcome;
  readonly code: string | null;
  readonly reason: string | null;
  /** Active bookings canceled (cancel) or kept and told of the move (reschedule). */
  readonly bookings: number | null;
  /** Money to refund (cancel); null when nothing is refunded. */
  readonly refund: Money | null;
  /** Waitlist entries canceled (cancel) or kept (reschedule). */
  readonly waitlist: number | null;
  /** `released`, `re-requested`, or null when the event has no crew to touch. */
  readonly crew: string | null;
  /** For a reschedule: the start before and after. */
  readonly change: { readonly from: string; readonly to: string } | null;
};

export type Money = { readonly amount: number; readonly currency: string };

export type Totals = {
  readonly events: number;
  readonly toChange: number;
  readonly skipped: number;
  readonly failed: number;
  readonly bookings: number;
  readonly refunds: readonly Money[];
  readonly waitlist: number;
  readonly crews: number;
};

export function totalsOf(rows: readonly PlanRow[]): Totals {
  const changing = rows.filter((r) => r.outcome === 'planned' || r.outcome === 'done');
  const byCurrency = new Map<string, number>();
  for (const r of changing) if (r.refund !== null) byCurrency.set(r.refund.currency, (byCurrency.get(r.refund.currency) ?? 0) + r.refund.amount);
  return {
    events: rows.length,
    toChange: changing.length,
    skipped: rows.filter((r) => r.outcome === 'skipped').length,
    failed: rows.filter((r) => r.outcome === 'failed').length,
    bookings: changing.reduce((n, r) => n + (r.bookings ?? 0), 0),
    refunds: [...byCurrency].map(([currency, amount]) => ({ amount, currency })).sort((a, b) => a.currency.localeCompare(b.currency)),
    waitlist: changing.reduce((n, r) => n + (r.waitlist ?? 0), 0),
    crews: changing.filter((r) => r.crew !== null).length,
  };
}

/** The end of a real run: what was done, skipped as already done, failed (with reasons), and not reached. */
export type RunSummary = {
  readonly total: number;
  readonly done: number;
  readonly skipped: number;
  readonly failed: number;
  /** Items not reached because the run was interrupted. */
  readonly notRun: number;
  readonly interrupted: boolean;
  readonly failures: readonly { readonly eventId: string; readonly title: string | null; readonly code: string | null; readonly reason: string | null }[];
};

export function summaryOf(total: number, results: readonly { readonly item: BulkItem<unknown>; readonly title: string | null }[], interrupted: boolean): RunSummary {
  const count = (o: BulkOutcome): number => results.filter((r) => r.item.outcome === o).length;
  return {
    total,
    done: count('done'),
    skipped: count('skipped'),
    failed: count('failed'),
    notRun: total - results.length,
    interrupted,
    failures: results
      .filter((r) => r.item.outcome === 'failed')
      .map((r) => ({ eventId: r.item.eventId, title: r.title, code: r.item.code, reason: r.item.reason })),
  };
}

const fractionDigits = new Map<string, number>();
function digitsOf(currency: string): number {
  let digits = fractionDigits.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch (error: unknown) {
      // Not an ISO 4217 code Intl knows: show minor units as hundredths, the common case.
      if (!(error instanceof RangeError)) throw error;
      digits = 2;
    }
    fractionDigits.set(currency, digits);
  }
  return digits;
}

/** `1 500.00 RUB` from `{ amount: 150000, currency: 'RUB' }`: money is minor units (DESIGN §3). */
export function formatMoney(money: Money): string {
  const digits = digitsOf(money.currency);
  const sign = money.amount < 0 ? '-' : '';
  const abs = Math.abs(money.amount);
  const major = Math.floor(abs / 10 ** digits);
  const minor = abs % 10 ** digits;
  const grouped = String(major).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${sign}${grouped}${digits > 0 ? `.${String(minor).padStart(digits, '0')}` : ''} ${money.currency}`;
}

/** `2026-07-01 10:00Z`: instants in the CLI's human output (UTC, minutes). */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, 'Z');
}
