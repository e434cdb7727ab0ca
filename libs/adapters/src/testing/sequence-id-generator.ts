import type { IdGenerator } from '@aquastream/application';

/** Deterministic, valid-looking UUIDs for tests: 00000000-0000-7000-8000-000000000001, …002, … */
export class SequenceIdGenerator implements IdGenerator {
  private n = 0;
  next(): string {
    this.n += 1;
    return `00000000-0000-7000-8000-${this.n.toString(16).padStart(12, '0')}`;
  }
}
