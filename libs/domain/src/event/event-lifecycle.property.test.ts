import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anEvent, anOption, hours, T0 } from '../shared/fixtures.test-support.js';
import type { DomainEventType, Transition } from '../shared/domain-event.js';
import type { DomainError } from '../shared/errors.js';
import type { Result } from '../shared/result.js';
import type { Instant } from '../shared/time.js';
import { cancelEvent } from './cancel-event.js';
import { completeEvent } from './complete-event.js';
import { createEvent } from './create-event.js';
import { aCreateContext, aCreateInput, aCrew } from './event.test-support.js';
import type { EventState, EventStatus } from './event.types.js';
import { publishDueEvent, publishEvent, unscheduleEvent } from './publish-event.js';
import { approveEvent, rejectEvent, submitEvent } from './review-event.js';
import { updateEvent, type EventPatch } from './update-event.js';

const STATUSES: readonly EventStatus[] = ['DRAFT', 'IN_REVIEW', 'SCHEDULED', 'PUBLISHED', 'CANCELED', 'COMPLETED'];

/**
 * DESIGN §3.1 as data: every allowed (from → to) and the message that announces it. The three `extension`
 * edges are this module's decision (an event that cannot be deleted must be cancelable), not DESIGN's text.
 */
const EDGES: readonly { from: EventStatus; to: EventStatus; message: DomainEventType; extension?: true }[] = [
  { from: 'DRAFT', to: 'PUBLISHED', message: 'event.published' },
  { from: 'DRAFT', to: 'SCHEDULED', message: 'event.updated' },
  { from: 'SCHEDULED', to: 'PUBLISHED', message: 'event.published' },
  { from: 'SCHEDULED', to: 'DRAFT', message: 'event.updated' },
  { from: 'DRAFT', to: 'IN_REVIEW', message: 'event.updated' },
  { from: 'IN_REVIEW', to: 'PUBLISHED', message: 'event.published' },
  { from: 'IN_REVIEW', to: 'SCHEDULED', message: 'event.updated' },
  { from: 'IN_REVIEW', to: 'DRAFT', message: 'event.updated' },
  { from: 'PUBLISHED', to: 'CANCELED', message: 'event.canceled' },
  { from: 'PUBLISHED', to: 'COMPLETED', message: 'event.completed' },
  { from: 'DRAFT', to: 'CANCELED', message: 'event.canceled', extension: true },
  { from: 'IN_REVIEW', to: 'CANCELED', message: 'event.canceled', extension: true },
  { from: 'SCHEDULED', to: 'CANCELED', message: 'event.canceled', extension: true },
];

type Command =
  | { kind: 'publish'; publishIn: number | null; reviewRequired: boolean }
  | { kind: 'submit'; publishIn: number | null; reviewRequired: boolean }
  | { kind: 'approve'; publishIn: number | null | undefined }
  | { kind: 'reject'; reason: string }
  | { kind: 'unschedule' }
  | { kind: 'publishDue' }
  | { kind: 'cancel'; reason: string }
  | { kind: 'complete' }
  | { kind: 'update'; startsIn: number | undefined; lastsHours: number | null | undefined; capacity: number | undefined; title: string | undefined }
  | { kind: 'wait'; hours: number };

const hoursAhead = fc.integer({ min: -5, max: 60 });
const reason = fc.constantFrom('', '  ', 'weather', 'too few bookings');

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('publish' as const), publishIn: fc.option(hoursAhead), reviewRequired: fc.boolean() }),
  fc.record({ kind: fc.constant('submit' as const), publishIn: fc.option(hoursAhead), reviewRequired: fc.boolean() }),
  fc.record({ kind: fc.constant('approve' as const), publishIn: fc.option(fc.option(hoursAhead), { nil: undefined }) }),
  fc.record({ kind: fc.constant('reject' as const), reason }),
  fc.constant({ kind: 'unschedule' as const }),
  fc.constant({ kind: 'publishDue' as const }),
  fc.record({ kind: fc.constant('cancel' as const), reason }),
  fc.constant({ kind: 'complete' as const }),
  fc.record({
    kind: fc.constant('update' as const),
    startsIn: fc.option(hoursAhead, { nil: undefined }),
    lastsHours: fc.option(fc.option(fc.integer({ min: -1, max: 8 })), { nil: undefined }),
    capacity: fc.option(fc.integer({ min: -1, max: 40 }), { nil: undefined }),
    title: fc.option(fc.constantFrom('', 'Regatta', 'Sunset kayak tour'), { nil: undefined }),
  }),
  fc.record({ kind: fc.constant('wait' as const), hours: fc.integer({ min: 0, max: 24 }) }),
);

type Answer = Result<Transition<EventState>, DomainError> | null;

/** Runs one command at `now`; `wait` is not a command of the event and answers null. */
function run(event: EventState, cmd: Command, now: Instant): Answer {
  const at = (h: number | null): Instant | null => (h === null ? null : now + hours(h));
  switch (cmd.kind) {
    case 'publish':
      return publishEvent(event, { now, publishAt: at(cmd.publishIn), reviewRequired: cmd.reviewRequired });
    case 'submit':
      return submitEvent(event, { now, publishAt: at(cmd.publishIn), reviewRequired: cmd.reviewRequired });
    case 'approve':
      return approveEvent(event, { now, ...(cmd.publishIn === undefined ? {} : { publishAt: at(cmd.publishIn) }) });
    case 'reject':
      return rejectEvent(event, { now, reason: cmd.reason });
    case 'unschedule':
      return unscheduleEvent(event, { now });
    case 'publishDue':
      return publishDueEvent(event, now);
    case 'cancel':
      return cancelEvent(event, { now, reason: cmd.reason });
    case 'complete':
      return completeEvent(event, now);
    case 'update': {
      const startsAt = cmd.startsIn === undefined ? undefined : now + hours(cmd.startsIn);
      const base = startsAt ?? event.startsAt;
      const patch: EventPatch = {
        ...(startsAt === undefined ? {} : { startsAt }),
        ...(cmd.lastsHours === undefined ? {} : { endsAt: cmd.lastsHours === null ? null : base + hours(cmd.lastsHours) }),
        ...(cmd.capacity === undefined ? {} : { capacity: cmd.capacity }),
        ...(cmd.title === undefined ? {} : { title: cmd.title }),
      };
      return updateEvent(event, patch, { now });
    }
    case 'wait':
      return null;
  }
}

const terminalEventArb = fc
  .record({
    status: fc.constantFrom<EventStatus>('CANCELED', 'COMPLETED'),
    capacity: fc.integer({ min: 1, max: 30 }),
    crewStatus: fc.constantFrom('NONE', 'PENDING', 'ASSIGNED', 'FAILED', 'RELEASED' as const),
    startsIn: fc.integer({ min: -300, max: 300 }),
  })
  .map(({ status, capacity, crewStatus, startsIn }) =>
    anEvent({
      status, capacity, startsAt: T0 + hours(startsIn), endsAt: null,
      crew: aCrew({ status: crewStatus, crewId: crewStatus === 'ASSIGNED' ? 'crew-1' : null }),
    }),
  );

describe('event lifecycle properties', () => {
  it('(a) a terminal state is never left: every command answers an error or the event unchanged', () => {
    fc.assert(
      fc.property(terminalEventArb, fc.array(commandArb, { maxLength: 25, size: 'max' }), (start, commands) => {
        let now = T0;
        for (const cmd of commands) {
          if (cmd.kind === 'wait') now += hours(cmd.hours);
          const answer = run(start, cmd, now);
          if (answer === null || !answer.ok) continue;
          expect(answer.value.state).toBe(start);
          expect(answer.value.events).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('(b) from DRAFT, every status reached is one of the six and every change is an edge, with its message', () => {
    const visited = new Set<EventStatus>();
    const usedEdges = new Set<string>();
    fc.assert(
      fc.property(fc.array(commandArb, { minLength: 5, maxLength: 40, size: 'max' }), (commands) => {
        const created = createEvent(
          aCreateInput({ startsAt: T0 + hours(30), endsAt: T0 + hours(33), crew: { size: 2, skills: [] } }),
          aCreateContext(),
        );
        if (!created.ok) throw new Error(created.error.detail);
        let event = created.value.state;
        let now = T0;
        for (const cmd of commands) {
          if (cmd.kind === 'wait') now += hours(cmd.hours);
          const answer = run(event, cmd, now);
          if (answer === null || !answer.ok) continue;
          const next = answer.value.state;
          expect(STATUSES).toContain(next.status);
          visited.add(next.status);
          if (next.status !== event.status) {
            const edge = EDGES.find((e) => e.from === event.status && e.to === next.status);
            expect(edge, `${event.status} → ${next.status} by ${cmd.kind}`).toBeDefined();
            expect(answer.value.events.map((e) => e.type)).toContain(edge?.message);
            usedEdges.add(`${event.status}>${next.status}`);
          }
          event = next;
        }
      }),
      { numRuns: 500 },
    );
    // Guards against a vacuous property: the random walks must really go through the graph.
    expect([...visited].sort()).toEqual([...STATUSES].sort());
    expect(usedEdges.size).toBe(EDGES.length);
  });

  it('(c) capacity and quotas never end below the seats taken after an accepted update', () => {
    const eventArb = fc
      .record({
        capacity: fc.integer({ min: 1, max: 40 }),
        takenShare: fc.double({ min: 0, max: 1, noNaN: true }),
        optionShare: fc.double({ min: 0, max: 1, noNaN: true }),
        status: fc.constantFrom<EventStatus>('DRAFT', 'SCHEDULED', 'PUBLISHED'),
      })
      .map(({ capacity, takenShare, optionShare, status }) => {
        const seatsTaken = Math.floor(capacity * takenShare);
        const a = Math.floor(seatsTaken * optionShare);
        const b = Math.floor((seatsTaken - a) / 2);
        return anEvent({
          status, capacity, seatsTaken, maxTicketsPerBooking: Math.min(10, capacity),
          priceOptions: [anOption({ id: 'a', name: 'Adult', seatsTaken: a, quantity: null }), anOption({ id: 'b', name: 'Child', seatsTaken: b })],
        });
      });
    // A size is either anywhere in range or just around the seats it must not go below, where the rule bites.
    const sizeArb = fc.oneof(
      fc.record({ abs: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ aroundTaken: fc.integer({ min: -2, max: 2 }) }),
    );
    const resolve = (size: { abs: number } | { aroundTaken: number }, taken: number): number =>
      'abs' in size ? size.abs : taken + size.aroundTaken;
    const patchArb = fc.record(
      { capacity: sizeArb, quotaA: fc.option(sizeArb), quotaB: fc.option(sizeArb) },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(eventArb, fc.array(patchArb, { minLength: 1, maxLength: 8, size: 'max' }), (start, patches) => {
        let event = start;
        for (const p of patches) {
          const [a, b] = event.priceOptions;
          const quota = (size: typeof p.quotaA, taken: number) => (size === null || size === undefined ? null : resolve(size, taken));
          const capacity = p.capacity === undefined ? undefined : resolve(p.capacity, event.seatsTaken);
          const patch: EventPatch = {
            ...(capacity === undefined ? {} : { capacity }),
            ...(p.quotaA === undefined && p.quotaB === undefined
              ? {}
              : {
                  priceOptions: [
                    { id: 'a', name: 'Adult', price: 1999, quantity: quota(p.quotaA, a?.seatsTaken ?? 0) },
                    { id: 'b', name: 'Child', price: 1999, quantity: quota(p.quotaB, b?.seatsTaken ?? 0) },
                  ],
                }),
          };
          const r = updateEvent(event, patch, { now: T0 });
          if ((capacity ?? event.capacity) < event.seatsTaken) expect(r.ok).toBe(false);
          if (!r.ok) continue;
          const next = r.value.state;
          expect(next.capacity).toBeGreaterThanOrEqual(next.seatsTaken);
          expect(next.seatsTaken).toBe(start.seatsTaken);
          for (const o of next.priceOptions) {
            if (o.quantity !== null) expect(o.quantity).toBeGreaterThanOrEqual(o.seatsTaken);
          }
          expect(next.maxTicketsPerBooking).toBeLessThanOrEqual(next.capacity);
          expect(r.value.seatsFreed).toBe(Math.max(0, next.capacity - event.capacity));
          event = next;
        }
      }),
      { numRuns: 500 },
    );
  });
});
