// The composition the use-case tests run: createUseCases with the defaults a test world does not care about, so that
// each world names only what its tests look at (its clock, its ids, its gateway, its timings).
import type { Clock, CrewClient, IdGenerator, PaymentGateway, TicketCodeGenerator } from '@aquastream/application';
import { FakeCrewClient } from '../memory/crew-client.fake.js';
import { SandboxPaymentGateway } from '../payments/sandbox-gateway.js';
import type { Storage } from './storage.js';
import { createUseCases, type UseCases, type UseCaseSettings } from './use-cases.js';

export const TEST_SETTINGS: UseCaseSettings = { bookingTtlMinutes: 30, bookingGraceMinutes: 5, waitlistOfferMinutes: 30, auditRetainDays: 90 };

export type TestServices = {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly ticketCodes?: TicketCodeGenerator;
  readonly gateway?: PaymentGateway;
  readonly crew?: CrewClient;
  readonly settings?: Partial<UseCaseSettings>;
};

/** Tickets `AQ-TEST-00001`, `AQ-TEST-00002`, … (`prefix` keeps worlds sharing one database apart). */
export function sequenceTicketCodes(prefix = ''): TicketCodeGenerator {
  let n = 0;
  return { next: () => `AQ-TEST-${prefix}${(n += 1).toString().padStart(5, '0')}` };
}

export function testSandbox(): SandboxPaymentGateway {
  return new SandboxPaymentGateway({ secret: 'test-secret', publicBaseUrl: 'http://localhost:8102' });
}

export function composeForTest(storage: Storage, services: TestServices): UseCases {
  return createUseCases(storage, {
    clock: services.clock,
    ids: services.ids,
    ticketCodes: services.ticketCodes ?? sequenceTicketCodes(),
    gateway: services.gateway ?? testSandbox(),
    crew: services.crew ?? new FakeCrewClient(),
    settings: { ...TEST_SETTINGS, ...services.settings },
  });
}
