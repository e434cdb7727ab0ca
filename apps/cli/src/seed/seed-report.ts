import type { UseCases } from '@aquastream/adapters';
import type { UseCaseContext } from '@aquastream/application';
import type { BookingStatus, EventStatus } from '@aquastream/domain';
import { CommandFailedError } from '../cli-errors.js';
import { money, shortInstant } from '../commands/iso-instants.js';
import { formatTable } from '../output.js';
import { DEMO_ORGANIZATIONS, DEMO_USERS, type DemoOrganizationKey } from './demo-catalogue.js';
import type { DemoSeedIds } from './demo-seed.js';

export type SeedReport = {
  readonly seeded: true;
  readonly organizations: readonly { readonly id: string; readonly name: string; readonly slug: string; readonly owner: string }[];
  readonly events: readonly { readonly id: string; readonly title: string; readonly status: EventStatus; readonly startsAt: string }[];
  readonly bookings: Readonly<Partial<Record<BookingStatus, number>>>;
  readonly refunds: readonly { readonly bookingId: string; readonly percent: number; readonly amount: number; readonly currency: string; readonly status: string }[];
  readonly waitlistEntries: number;
  readonly reviews: number;
  readonly categories: number;
  readonly promoCodes: readonly string[];
  readonly users: readonly { readonly id: string; readonly roles: readonly string[]; readonly about: string }[];
};

/** What the seed made, read back from the store (not from the seed's intentions), as the admin sees it. */
export async function seedReport(uc: UseCases, admin: UseCaseContext, ids: DemoSeedIds): Promise<SeedReport> {
  const read = async <T>(r: Promise<{ ok: true; value: T } | { ok: false; error: { type: string; detail: string } }>, what: string): Promise<T> => {
    const done = await r;
    if (!done.ok) throw new CommandFailedError(`seed: cannot read back ${what}: ${done.error.detail}`, done.error.type);
    return done.value;
  };
  const events = [];
  for (const id of Object.values(ids.events)) {
    const e = await read(uc.events.get.execute(admin, { eventId: id }), `event ${id}`);
    events.push({ id: e.id, title: e.title, status: e.status, startsAt: new Date(e.startsAt).toISOString() });
  }
  events.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const bookings: Partial<Record<BookingStatus, number>> = {};
  const refunds: SeedReport['refunds'][number][] = [];
  for (const id of ids.bookings) {
    const b = await read(uc.bookings.get.execute(admin, { bookingId: id }), `booking ${id}`);
    bookings[b.status] = (bookings[b.status] ?? 0) + 1;
    if (b.refund !== null) refunds.push({ bookingId: b.id, percent: b.refund.percent, amount: b.refund.amount, currency: b.currency, status: b.refund.status });
  }
  return {
    seeded: true,
    organizations: (Object.entries(ids.organizations) as [DemoOrganizationKey, string][]).map(([key, id]) => ({
      id,
      name: DEMO_ORGANIZATIONS[key].name,
      slug: DEMO_ORGANIZATIONS[key].slug,
      owner: DEMO_USERS[DEMO_ORGANIZATIONS[key].owner].id,
    })),
    events,
    bookings,
    refunds,
    waitlistEntries: ids.waitlistEntries.length,
    reviews: ids.reviews.length,
    categories: ids.categories,
    promoCodes: ids.promoCodes,
    users: Object.values(DEMO_USERS).map((u) => ({ id: u.id, roles: u.roles, about: u.about })),
  };
}

export function describeSeedReport(report: SeedReport): string {
  const orgs = formatTable(report.organizations, [
    { header: 'ORGANISATION', value: (o) => o.name },
    { header: 'SLUG', value: (o) => o.slug },
    { header: 'OWNER', value: (o) => o.owner },
    { header: 'ID', value: (o) => o.id },
  ]);
  const events = formatTable(report.events, [
    { header: 'STATUS', value: (e) => e.status },
    { header: 'STARTS (UTC)', value: (e) => shortInstant(Date.parse(e.startsAt)) },
    { header: 'TITLE', value: (e) => e.title },
    { header: 'ID', value: (e) => e.id },
  ]);
  const bookings = Object.entries(report.bookings).map(([status, n]) => `${status} ${n}`).join(' · ');
  const refunds = report.refunds.map((r) => `${r.percent} % = ${money(r.amount, r.currency)} (${r.status})`).join(', ');
  const users = report.users.map((u) => `  ${u.id.padEnd(12)} ${u.roles.join(',').padEnd(15)} ${u.about}`);
  return [
    'Seeded the demo data set.',
    '',
    orgs,
    '',
    events,
    '',
    `Bookings: ${bookings}`,
    `Refunds: ${refunds === '' ? 'none' : refunds}`,
    `Waitlist entries: ${report.waitlistEntries} · reviews: ${report.reviews} · categories: ${report.categories} · promo codes: ${report.promoCodes.join(', ')}`,
    '',
    'Demo users (a token for one: aquastream-admin token --sub <id> --role <role>, with AUTH_JWT_SECRET set):',
    ...users,
  ].join('\n');
}
