import type { IdGenerator } from '@aquastream/application';
import { v7 } from 'uuid';

/** UUIDv7: time-ordered, so primary-key indexes grow at the end instead of splitting pages at random. */
export class UuidV7IdGenerator implements IdGenerator {
  next(): string {
    return v7();
  }
}
