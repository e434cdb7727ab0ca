import type { DomainError } from '@aquastream/domain';

type E<T extends string, X extends object = object> = { readonly type: T; readonly detail: string } & Readonly<X>;

/**
 * Failures that belong to the application rather than to a domain rule: entities that are absent (or not visible,
 * which answers the same), authentication, uniqueness outside the domain's view, idempotency. Use cases return
 * `Result<T, AppError>`; apps/http maps every `type` to a status in one exhaustive table.
 */
export type ApplicationOnlyError =
  | E<'NOT_AUTHENTICATED'>
  | E<'ORGANIZATION_NOT_FOUND'>
  | E<'PAYMENT_NOT_FOUND'>
  | E<'WAITLIST_ENTRY_NOT_FOUND'>
  | E<'FAQ_NOT_FOUND'>
  | E<'CATEGORY_NOT_FOUND'>
  | E<'PROMO_CODE_NOT_FOUND'>
  | E<'MEMBER_NOT_FOUND'>
  | E<'ORGANIZATION_SLUG_TAKEN'>
  | E<'PROMO_CODE_TAKEN'>
  | E<'ALREADY_MEMBER'>
  | E<'ORGANIZATION_REQUIRED'>
  | E<'INVALID_REQUEST', { field: string }>
  | E<'CATEGORY_CYCLE'>
  | E<'IDEMPOTENCY_KEY_REUSED'>
  | E<'IDEMPOTENCY_KEY_IN_PROGRESS'>
  | E<'PAYMENT_GATEWAY_UNAVAILABLE'>
  | E<'PAYMENT_OPEN'>
  | E<'NOTHING_TO_PAY'>;

export type AppError = DomainError | ApplicationOnlyError;
export type AppErrorType = AppError['type'];

/** Builds an application error; `extra` carries the members specific to its type. */
export function appError<T extends ApplicationOnlyError['type']>(
  type: T,
  detail: string,
  ...extra: Omit<Extract<ApplicationOnlyError, { type: T }>, 'type' | 'detail'> extends infer X
    ? keyof X extends never
      ? []
      : [X]
    : never
): Extract<ApplicationOnlyError, { type: T }> {
  const members: object = (extra as readonly object[])[0] ?? {};
  return { type, detail, ...members } as Extract<ApplicationOnlyError, { type: T }>;
}
