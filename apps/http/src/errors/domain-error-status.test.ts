import { domainError } from '@aquastream/domain';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_STATUS, domainErrorProblem } from './domain-error-status.js';

describe('domain errors as problem documents', () => {
  it('carries the code, the status of the contract, and the error’s own members', () => {
    const p = domainErrorProblem(domainError('EVENT_FULL', 'only 0 seat(s) left', { waitlistJoinable: true, seatsAvailable: 0 }));
    expect(p).toMatchObject({ status: 409, code: 'EVENT_FULL', detail: 'only 0 seat(s) left', waitlistJoinable: true, seatsAvailable: 0 });
    expect(domainErrorProblem(domainError('INVALID_PROMO_CODE', 'x', { reason: 'EXPIRED' }))).toMatchObject({ status: 422, reason: 'EXPIRED' });
  });

  it('keeps the HTTP status when the error names the state it refused (status → currentStatus)', () => {
    const p = domainErrorProblem(domainError('EVENT_NOT_BOOKABLE', 'the event is CANCELED', { status: 'CANCELED' }));
    expect(p.status).toBe(409);
    expect(p['currentStatus']).toBe('CANCELED');
  });

  it('maps the contract’s codes to the contract’s statuses', () => {
    // DESIGN §3.3/§3.5/§3.7 name these statuses explicitly.
    const expected: Record<string, number> = {
      EVENT_NOT_FOUND: 404, EVENT_NOT_BOOKABLE: 409, OWN_EVENT: 403, BOOKING_CLOSED: 409, QUANTITY_LIMIT: 422,
      ALREADY_BOOKED: 409, INVALID_PRICE_OPTION: 422, INVALID_PROMO_CODE: 422, EVENT_FULL: 409, PRICE_OPTION_SOLD_OUT: 409,
      EVENT_STARTED: 409, BOOKING_NOT_CANCELABLE: 409, SEATS_AVAILABLE: 409, ALREADY_WAITLISTED: 409, OFFER_EXPIRED: 409,
      REVIEW_NOT_ALLOWED: 403, ALREADY_REVIEWED: 409, OWN_REVIEW: 403, CAPACITY_BELOW_SEATS_TAKEN: 409, EVENT_NOT_DELETABLE: 409,
    };
    for (const [code, status] of Object.entries(expected)) {
      expect(DOMAIN_ERROR_STATUS[code as keyof typeof DOMAIN_ERROR_STATUS].status, code).toBe(status);
    }
  });

  it('never maps an error a client caused to a 5xx (only a dependency outage is one)', () => {
    for (const [code, { status }] of Object.entries(DOMAIN_ERROR_STATUS)) {
      if (code !== 'PAYMENT_GATEWAY_UNAVAILABLE') expect(status, code).toBeLessThan(500);
    }
    expect(DOMAIN_ERROR_STATUS.PAYMENT_GATEWAY_UNAVAILABLE.status).toBe(503);
    expect(DOMAIN_ERROR_STATUS.NOT_AUTHENTICATED.status).toBe(401);
    expect(DOMAIN_ERROR_STATUS.IDEMPOTENCY_KEY_REUSED.status).toBe(422);
  });
});
