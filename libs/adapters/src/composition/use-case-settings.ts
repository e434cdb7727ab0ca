import { DEFAULT_CREW_SETTINGS } from '@aquastream/application';
import type { AppConfig } from '../config/config.js';
import type { UseCaseSettings } from './use-cases.js';

/** The timings every app hands to createUseCases, from the one parsed configuration (DESIGN §8). */
export function useCaseSettingsFrom(config: AppConfig): UseCaseSettings {
  return {
    bookingTtlMinutes: config.bookingTtlMinutes,
    bookingGraceMinutes: config.bookingGraceMinutes,
    waitlistOfferMinutes: config.waitlistOfferMinutes,
    auditRetainDays: config.auditRetainDays,
    crew: { ...DEFAULT_CREW_SETTINGS, baseDelayMs: config.crewRetryBaseDelayMs },
  };
}
