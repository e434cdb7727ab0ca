// Builders for the event lifecycle tests (excluded from the build by tsconfig.lib.json).
import { anEvent, hours, T0 } from '../shared/fixtures.test-support.js';
import type { CreateEventContext, CreateEventInput } from './create-event.js';
import type { CrewState, EventState } from './event.types.js';

/** A valid create input: starts ten days after T0, ends three hours later. */
export function aCreateInput(overrides: Partial<CreateEventInput> = {}): CreateEventInput {
  return {
    organizationId: 'org-1',
    title: 'Sunset kayak tour',
    startsAt: T0 + hours(240),
    endsAt: T0 + hours(243),
    capacity: 20,
    currency: 'RUB',
    priceOptions: [{ name: 'Adult', price: 150000, quantity: 15 }],
    ...overrides,
  };
}

export function aCreateContext(overrides: Partial<CreateEventContext> = {}): CreateEventContext {
  return { id: 'evt-1', creatorId: 'organiser-1', now: T0, priceOptionIds: ['opt-1'], ...overrides };
}

export function aDraft(overrides: Partial<EventState> = {}): EventState {
  return anEvent({ status: 'DRAFT', publishedAt: null, ...overrides });
}

export function aCrew(overrides: Partial<CrewState> = {}): CrewState {
  return {
    status: 'PENDING',
    request: { size: 2, skills: ['skipper'] },
    crewId: null,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    ...overrides,
  };
}
