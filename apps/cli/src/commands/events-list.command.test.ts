import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeedReport } from '../seed/seed-report.js';
import { json, runCommand, tempSqlite } from './command-harness.test-support.js';

type EventsPage = { data: { id: string; title: string; status: string; startsAt: string; organizationId: string }[]; page: number; size: number; totalElements: number; totalPages: number };

describe('events list', { timeout: 60_000 }, () => {
  const file = tempSqlite();
  const env = { DATABASE_URL: file.url };
  let seeded: SeedReport;
  const list = async (...args: string[]) => {
    const run = await runCommand(['events', 'list', ...args], { env });
    expect(run.err).toBe('');
    expect(run.exitCode).toBe(0);
    return json<EventsPage>(run);
  };

  beforeAll(async () => {
    await runCommand(['db', 'migrate'], { env });
    seeded = json<SeedReport>(await runCommand(['seed', '--demo'], { env }));
  });
  afterAll(() => file.remove());

  it('lists by default what the catalogue shows: published events not yet started, soonest first', async () => {
    const page = await list();
    expect(page.data.map((e) => e.title)).toEqual(['Harbour lights evening cruise', 'Sunset kayak tour', 'Regatta for beginners']);
    expect(page).toMatchObject({ page: 1, size: 20, totalElements: 3, totalPages: 1 });
    expect(page.data[0]?.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('shows every status to the CLI (an admin), with --all or --status', async () => {
    const all = await list('--all');
    expect(all.totalElements).toBe(8);
    expect(new Set(all.data.map((e) => e.status))).toEqual(new Set(['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED']));
    expect((await list('--status', 'draft,IN_REVIEW')).data.map((e) => e.title).sort()).toEqual(['Knot-tying workshop', 'Wooden boat restoration']);
    expect((await list('--status', 'COMPLETED', '--status', 'CANCELED')).data.map((e) => e.status).sort()).toEqual(['CANCELED', 'COMPLETED']);
  });

  it('filters by organisation, date range and text, and pages', async () => {
    const northWind = seeded.organizations.find((o) => o.slug === 'north-wind-sailing-club')?.id ?? '';
    const club = await list('--all', '--org', northWind);
    expect(club.data.map((e) => e.title)).toEqual(['Harbour lights evening cruise', 'Spring regatta', 'Autumn sailing school: week 1', 'Regatta for beginners']);
    expect(club.data.every((e) => e.organizationId === northWind)).toBe(true);

    const regatta = seeded.events.find((e) => e.title === 'Spring regatta')?.startsAt ?? '';
    const day = regatta.slice(0, 10);
    expect((await list('--all', '--from', day, '--to', day)).data.map((e) => e.title)).toEqual(['Spring regatta']);
    expect((await list('--all', '--q', 'KAYAK')).data.map((e) => e.title)).toEqual(['Sunset kayak tour']);

    const second = await list('--all', '--size', '3', '--page', '2', '--sort', '-startsAt');
    expect(second).toMatchObject({ page: 2, size: 3, totalElements: 8, totalPages: 3 });
    expect(second.data).toHaveLength(3);
  });

  it('prints a table on a terminal', async () => {
    const run = await runCommand(['events', 'list', '--all'], { env, tty: true });
    expect(run.exitCode).toBe(0);
    const [header, rule, ...rows] = run.out.trimEnd().split('\n');
    expect(header).toMatch(/^ID +STATUS +STARTS \(UTC\) +SEATS +FROM +TITLE$/);
    expect(rule).toMatch(/^-+ {2}-+/);
    expect(rows.find((r) => r.includes('Harbour lights'))).toMatch(/PUBLISHED +\d{4}-\d{2}-\d{2} 16:00Z +4\/4 +3200\.00 RUB +Harbour lights evening cruise/);
    expect(rows.at(-1)).toBe('page 1 of 1 · 8 event(s)');
  });

  it.each([
    [['--size', '0'], /--size <n>' argument '0' is invalid\. expected a whole number from 1 to 100/],
    [['--size', '101'], /expected a whole number from 1 to 100/],
    [['--page', 'two'], /--page <n>' argument 'two' is invalid/],
    [['--status', 'OPEN'], /expected one or more of DRAFT, IN_REVIEW/],
    [['--from', '2026-07-01T10:00'], /add the time zone offset/],
    [['--from', '2026-07-02', '--to', '2026-07-01'], /--from is after --to/],
    [['--org', 'harbour'], /--org harbour: not an organisation id/],
    [['--sort', 'title'], /Allowed choices are startsAt, -startsAt, price, rating, popularity/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
  ])('%j is bad usage: exit 2 with a clear message', async (args, message) => {
    const run = await runCommand(['events', 'list', ...args], { env });
    expect(run.exitCode).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.out).toBe('');
  });

  it('has an example in its help', async () => {
    const run = await runCommand(['events', 'list', '--help']);
    expect(run.out).toMatch(/Examples:\n {2}\$ aquastream-admin events list\n/);
  });
});
