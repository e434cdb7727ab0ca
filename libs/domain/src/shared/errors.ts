/**
 * Every expected failure of the domain, as data. `type` is the machine-readable code the HTTP API
 * returns; `detail` is a sentence for people. Apps map each `type` to a status in one exhaustive table.
 */
type E<T extends string, X extends object = object> = { readonly type: T; readonly detail: string } & Readonly<X>;

export type PromoInvalidReason = 'UNKNOWN' | 'INACTIVE' | 'NOT_STARTED' | 'EXPIRED' | 'EXHAUSTED' | 'NOT_APPLICABLE';

export type EventError =
  | E<'EVENT_NOT_FOUND'>
  | E<'EVENT_NOT_BOOKABLE', { status: string }>
  | E<'EVENT_NOT_EDITABLE', { status: string }>
  | E<'EVENT_NOT_DELETABLE', { status: string }>
  | E<'INVALID_EVENT_TRANSITION', { from: string; command: string }>
  | E<'REVIEW_REQUIRED'>
  | E<'CAPACITY_BELOW_SEATS_TAKEN', { capacity: number; seatsTaken: number }>
  | E<'INVALID_EVENT', { field: string }>
  | E<'INVALID_REFUND_POLICY', { field: string }>
  | E<'INVALID_PRICING_RULES', { field: string }>
  | E<'CREW_NOT_REQUESTABLE', { crewStatus: string }>;

export type BookingError =
  | E<'OWN_EVENT'>
  | E<'BOOKING_CLOSED', { closedAt: number }>
  | E<'QUANTITY_LIMIT', { min: number; max: number }>
  | E<'ALREADY_BOOKED'>
  | E<'INVALID_PRICE_OPTION'>
  | E<'INVALID_PROMO_CODE', { reason: PromoInvalidReason }>
  | E<'EVENT_FULL', { waitlistJoinable: boolean; seatsAvailable: number }>
  | E<'PRICE_OPTION_SOLD_OUT', { seatsAvailable: number }>
  | E<'EVENT_STARTED'>
  | E<'BOOKING_NOT_CANCELABLE', { status: string }>
  | E<'INVALID_BOOKING_TRANSITION', { from: string; command: string }>
  | E<'BOOKING_NOT_FOUND'>;

export type PaymentError =
  | E<'PAYMENT_MISMATCH', { field: 'amount' | 'currency' }>
  | E<'PAYMENT_NOT_REFUNDABLE', { status: string }>
  | E<'REFUND_EXCEEDS_PAYMENT', { refundable: number }>
  | E<'INVALID_REFUND_AMOUNT'>
  | E<'CURRENCY_MISMATCH', { expected: string; actual: string }>;

export type WaitlistError =
  | E<'SEATS_AVAILABLE', { seatsAvailable: number }>
  | E<'ALREADY_WAITLISTED'>
  | E<'OFFER_EXPIRED'>
  | E<'WAITLIST_ENTRY_NOT_ACTIVE', { status: string }>;

export type ReviewError =
  | E<'REVIEW_NOT_ALLOWED'>
  | E<'ALREADY_REVIEWED'>
  | E<'INVALID_REVIEW', { field: string }>
  | E<'OWN_REVIEW'>
  | E<'REVIEW_NOT_FOUND'>;

export type PromoError = E<'INVALID_PROMO_DEFINITION', { field: string }>;

export type TicketError =
  | E<'TICKET_NOT_FOUND'>
  | E<'TICKET_NOT_VALID', { status: string }>
  | E<'ALREADY_CHECKED_IN', { checkedInAt: number }>;

export type AccessError = E<'FORBIDDEN'>;

export type DomainError =
  | EventError
  | BookingError
  | PaymentError
  | WaitlistError
  | ReviewError
  | PromoError
  | TicketError
  | AccessError;

export type DomainErrorType = DomainError['type'];

/** Builds an error value; `extra` carries the members specific to its type. */
export function domainError<T extends DomainErrorType>(
  type: T,
  detail: string,
  ...extra: Omit<Extract<DomainError, { type: T }>, 'type' | 'detail'> extends infer X
    ? keyof X extends never
      ? []
      : [X]
    : never
): Extract<DomainError, { type: T }> {
  const members: object = (extra as readonly object[])[0] ?? {};
  return { type, detail, ...members } as Extract<DomainError, { type: T }>;
}
