import { DomainInvariantError } from './result.js';

/** An integer number of minor units of an ISO 4217 currency: `{ amount: 150000, currency: 'RUB' }` is 1 500.00 RUB. */
export type Money = { readonly amount: number; readonly currency: string };

const CURRENCY = /^[A-Z]{3}$/;

export const isCurrencyCode = (c: string): boolean => CURRENCY.test(c);

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throw new DomainInvariantError('INVALID_AMOUNT', `amount must be a safe integer of minor units, got ${amount}`);
  }
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainInvariantError('CURRENCY_MISMATCH', `cannot combine ${a.currency} with ${b.currency}`);
  }
}

/** Builds a Money; throws on a fractional or unsafe amount or a malformed currency code. */
export function money(amount: number, currency: string): Money {
  assertAmount(amount);
  if (!isCurrencyCode(currency)) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `currency must be an ISO 4217 code, got "${currency}"`);
  }
  return { amount, currency };
}

export const zero = (currency: string): Money => money(0, currency);

export function add(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function multiply(a: Money, factor: number): Money {
  if (!Number.isSafeInteger(factor)) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `factor must be an integer, got ${factor}`);
  }
  return money(a.amount * factor, a.currency);
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  assertSameCurrency(a, b);
  return a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0;
}

export const equals = (a: Money, b: Money): boolean => a.currency === b.currency && a.amount === b.amount;

export function minimum(a: Money, b: Money): Money {
  return compare(a, b) <= 0 ? a : b;
}

export function maximum(a: Money, b: Money): Money {
  return compare(a, b) >= 0 ? a : b;
}

export function sum(items: readonly Money[], currency: string): Money {
  return items.reduce<Money>((acc, m) => add(acc, m), zero(currency));
}

/**
 * Divides two integers and rounds half up (away from zero), the one rounding rule of the product.
 * Done in BigInt so that neither float error nor an overflowing product can leak in.
 */
export function divideRoundHalfUp(numerator: number | bigint, denominator: number | bigint): number {
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `cannot divide by ${denominator}`);
  }
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const q = abs / d;
  const r = abs - q * d;
  const rounded = r * 2n >= d ? q + 1n : q;
  const result = Number(negative ? -rounded : rounded);
  assertAmount(result);
  return result;
}

/** Scale used for fractional percentages and multipliers: four decimal places are exact. */
const SCALE = 10_000;

/** Converts a decimal with at most four decimal places to an integer of ten-thousandths; throws otherwise. */
export function toScaled(value: number): number {
  const scaled = Math.round(value * SCALE);
  if (!Number.isFinite(value) || Math.abs(scaled - value * SCALE) > 1e-6 || !Number.isSafeInteger(scaled)) {
    throw new DomainInvariantError('INVALID_ARGUMENT', `${value} has more than four decimal places or is out of range`);
  }
  return scaled;
}

/** `percent` % of an amount (percent may have up to four decimals), rounded half up to the minor unit. */
export function percentOf(a: Money, percent: number): Money {
  const p = toScaled(percent);
  return money(divideRoundHalfUp(BigInt(a.amount) * BigInt(p), 100 * SCALE), a.currency);
}

/** An amount times a decimal multiplier (up to four decimals), rounded half up to the minor unit. */
export function multiplyDecimal(a: Money, multiplier: number): Money {
  const m = toScaled(multiplier);
  return money(divideRoundHalfUp(BigInt(a.amount) * BigInt(m), SCALE), a.currency);
}
