import type { EventRecord } from '@aquastream/application';
import type { CrewState } from '@aquastream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from './event-repository.contract.js';
import { aRecord, DAY, HOUR, NOW, uuid } from './event-record.fixture.js';

const crew = (status: CrewState['status'], nextAttemptAt: number | null): CrewState => ({
  status, request: { size: 1, skills: ['skipper'] }, crewId: null, attempts: 0, nextAttemptAt, lastError: null,
});

/** The scheduler's queries (publish, complete, crew retry) and the id walk of reconcile. */
export function describeEventJobQueriesContract(make: () => Promise<EventStore>): void {
  describe('job queries', () => {
    let store: EventStore | undefined;
    const org = uuid();
    const e: Record<string, EventRecord> = {};

    beforeAll(async () => {
      const s = await make();
      store = s;
      await s.seedOrganization(org);
      const add = (key: string, overrides: Parameters<typeof aRecord>[1]): void => {
        e[key] = aRecord(org, overrides);
      };
      // Publishing: SCHEDULED with publishAt due.
      add('dueSecond', { status: 'SCHEDULED', publishedAt: null, publishAt: NOW - HOUR });
      add('dueFirst', { status: 'SCHEDULED', publishedAt: null, publishAt: NOW - 2 * HOUR });
      add('dueAtNow', { status: 'SCHEDULED', publishedAt: null, publishAt: NOW });
      add('notYet', { status: 'SCHEDULED', publishedAt: null, publishAt: NOW + HOUR });
      // Completion: PUBLISHED and over.
      add('ended', { startsAt: NOW - 4 * HOUR, endsAt: NOW - HOUR });
      add('startedNoEnd', { startsAt: NOW - 2 * HOUR, endsAt: null });
      add('running', { startsAt: NOW - HOUR, endsAt: NOW + HOUR });
      add('canceledOver', { status: 'CANCELED', startsAt: NOW - DAY, endsAt: null });
      add('completedOver', { status: 'COMPLETED', startsAt: NOW - DAY, endsAt: null });
      // Crew retries.
      add('crewNew', { crew: crew('PENDING', null) });
      add('crewDue', { crew: crew('PENDING', NOW - 60_000) });
      add('crewLater', { crew: crew('PENDING', NOW + 60_000) });
      add('crewAssigned', { crew: { ...crew('ASSIGNED', null), crewId: 'c1' } });
      add('crewOnCanceled', { status: 'CANCELED', crew: crew('PENDING', null) });
      add('crewOnDraft', { status: 'DRAFT', publishedAt: null, crew: crew('PENDING', null) });
      await s.uow.run(async (tx) => {
        for (const record of Object.values(e)) await s.repo.insert(tx, record);
      });
    });
    afterAll(async () => store?.close());

    const keysOf = (records: readonly EventRecord[]): string[] => {
      const byId = new Map(Object.entries(e).map(([key, r]) => [r.state.id, key]));
      return records.map((r) => byId.get(r.state.id) ?? r.state.id);
    };

    it('finds SCHEDULED events whose publishAt has come, oldest first', async () => {
      const s = store as EventStore;
      expect(keysOf(await s.repo.findDueForPublishing(NOW, 10))).toEqual(['dueFirst', 'dueSecond', 'dueAtNow']);
      expect(keysOf(await s.repo.findDueForPublishing(NOW, 1))).toEqual(['dueFirst']);
    });

    it('finds PUBLISHED events that are over (their end, else their start)', async () => {
      const s = store as EventStore;
      expect(keysOf(await s.repo.findDueForCompletion(NOW, 10))).toEqual(['ended', 'startedNoEnd']);
      expect(keysOf(await s.repo.findDueForCompletion(NOW, 1))).toEqual(['ended']);
    });

    it('finds pending crew requests of live events whose back-off ran out, never-tried first', async () => {
      const s = store as EventStore;
      const due = keysOf(await s.repo.findCrewRetryDue(NOW, 10));
      expect(due).toEqual([...['crewNew', 'crewOnDraft'].sort((a, b) => (e[a]?.state.id ?? '').localeCompare(e[b]?.state.id ?? '')), 'crewDue']);
      expect(await s.repo.findCrewRetryDue(NOW, 1)).toHaveLength(1);
    });

    it('walks every id in order, in batches', async () => {
      const s = store as EventStore;
      const all = Object.values(e).map((r) => r.state.id).sort();
      const first = await s.repo.listIds(null, 10);
      const rest = await s.repo.listIds(first[first.length - 1] ?? null, 100);
      expect([...first, ...rest]).toEqual(all);
      expect(first).toHaveLength(10);
    });
  });
}
