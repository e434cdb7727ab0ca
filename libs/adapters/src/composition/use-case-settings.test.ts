import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { useCaseSettingsFrom } from './use-case-settings.js';

describe('useCaseSettingsFrom', () => {
  it('hands the profile timings, and their overrides, to the use cases', () => {
    expect(useCaseSettingsFrom(loadConfig({ PROFILE: 'prod', AUTH_JWT_SECRET: 'x'.repeat(40), PAYMENT_SANDBOX_SECRET: 's' }))).toEqual({
      bookingTtlMinutes: 30,
      bookingGraceMinutes: 5,
      waitlistOfferMinutes: 30,
      auditRetainDays: 90,
      crew: { maxAttempts: 5, baseDelayMs: 60_000, claimMs: 120_000 },
    });
    expect(
      useCaseSettingsFrom(
        loadConfig({ BOOKING_TTL_MINUTES: '0.05', BOOKING_GRACE_MINUTES: '0', WAITLIST_OFFER_MINUTES: '0.05', AUDIT_RETAIN_DAYS: '7', CREW_RETRY_BASE_DELAY_MS: '500' }),
      ),
    ).toEqual({
      bookingTtlMinutes: 0.05,
      bookingGraceMinutes: 0,
      waitlistOfferMinutes: 0.05,
      auditRetainDays: 7,
      crew: { maxAttempts: 5, baseDelayMs: 500, claimMs: 120_000 },
    });
  });
});
