import type { CrewClient, CrewRequestInput } from '@aquastream/application';

/**
 * A crew service that assigns at once (`crew-1`, `crew-2`, …), for tests and the embedded default. Tests can make it
 * fail: the next `n` requests, or every request until told otherwise. Every call is recorded.
 */
export class FakeCrewClient implements CrewClient {
  readonly requests: CrewRequestInput[] = [];
  readonly releases: { eventId: string; crewId: string | null }[] = [];
  private failures = 0;
  private failingAlways = false;
  private releaseFails = false;
  private assigned = 0;

  /** The next `n` requests throw. */
  failNext(n = 1): this {
    this.failures = n;
    return this;
  }

  /** Every request throws until `failAlways(false)`. */
  failAlways(on = true): this {
    this.failingAlways = on;
    return this;
  }

  failReleases(on = true): this {
    this.releaseFails = on;
    return this;
  }

  requestCrew(input: CrewRequestInput): Promise<{ readonly crewId: string }> {
    this.requests.push(structuredClone(input));
    if (this.failingAlways || this.failures > 0) {
      this.failures = Math.max(0, this.failures - 1);
      return Promise.reject(new Error('crew service unavailable'));
    }
    this.assigned += 1;
    return Promise.resolve({ crewId: `crew-${this.assigned}` });
  }

  releaseCrew(eventId: string, crewId: string | null): Promise<void> {
    this.releases.push({ eventId, crewId });
    return this.releaseFails ? Promise.reject(new Error('crew service unavailable')) : Promise.resolve();
  }
}
