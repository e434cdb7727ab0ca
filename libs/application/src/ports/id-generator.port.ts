/** Mints entity ids (UUIDv7 in production, so that ids sort by creation time). */
export interface IdGenerator {
  next(): string;
}
