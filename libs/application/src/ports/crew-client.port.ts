import type { Instant } from '@aquastream/domain';

export type CrewRequestInput = {
  readonly eventId: string;
  readonly size: number;
  readonly skills: readonly string[];
  readonly startsAt: Instant;
  readonly endsAt: Instant | null;
};

/**
 * The crew service (DESIGN §3.9), outside this project. Calls are made after the transaction that asked for them has
 * committed, never while one is open; any failure is thrown, and the caller records it for the retry job.
 */
export interface CrewClient {
  /** `auth`: a bearer token to forward when the call is made on a user's behalf. */
  requestCrew(input: CrewRequestInput, auth?: string): Promise<{ readonly crewId: string }>;
  /** Frees the crew of an event (`crewId` null: whatever the service assigned, if anything). */
  releaseCrew(eventId: string, crewId: string | null): Promise<void>;
}
