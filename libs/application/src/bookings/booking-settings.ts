/** The booking timings of DESIGN §8, handed in by the composition root (never read from the environment here). */
export type BookingSettings = {
  /** `BOOKING_TTL_MINUTES`: how long an unpaid booking holds its seats (fractions allowed). */
  readonly ttlMinutes: number;
  /** `BOOKING_GRACE_MINUTES`: how long after the deadline a payment still confirms. */
  readonly graceMinutes: number;
};
