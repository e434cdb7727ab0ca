import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  add, compare, divideRoundHalfUp, equals, isCurrencyCode, maximum, minimum, money, multiply, multiplyDecimal,
  percentOf, subtract, sum, toScaled, zero, type Money,
} from './money.js';
import { DomainInvariantError } from './result.js';

const rub = (amount: number): Money => money(amount, 'RUB');

/** Asserts that `f` throws a DomainInvariantError with this code. */
function expectInvariant(f: () => unknown, code: DomainInvariantError['code']): void {
  let thrown: unknown = null;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(DomainInvariantError);
  expect((thrown as DomainInvariantError).code).toBe(code);
}

/**
 * Reference for "n / d rounded half up (away from zero)", written differently from the implementation:
 * floor((2|n| + d) / 2d) with the sign put back.
 */
function refRoundHalfUp(n: bigint, d: bigint): bigint {
  const abs = n < 0n ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  return n < 0n ? -q : q;
}

describe('money', () => {
  it('builds an amount of minor units in a currency', () => {
    expect(money(150_000, 'RUB')).toEqual({ amount: 150_000, currency: 'RUB' });
    expect(zero('EUR')).toEqual({ amount: 0, currency: 'EUR' });
  });

  it('throws INVALID_AMOUNT for fractional, unsafe or non-finite amounts', () => {
    for (const amount of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) expectInvariant(() => money(amount, 'RUB'), 'INVALID_AMOUNT');
  });

  it('throws INVALID_ARGUMENT for a malformed currency code', () => {
    for (const c of ['rub', 'RU', 'RUBL', '']) {
      expect(isCurrencyCode(c)).toBe(false);
      expectInvariant(() => money(1, c), 'INVALID_ARGUMENT');
    }
  });
});

describe('arithmetic', () => {
  it('adds, subtracts and multiplies by an integer', () => {
    expect(add(rub(150), rub(50))).toEqual(rub(200));
    expect(subtract(rub(150), rub(200))).toEqual(rub(-50));
    expect(multiply(rub(1999), 3)).toEqual(rub(5997));
    expectInvariant(() => multiply(rub(1), 1.5), 'INVALID_ARGUMENT');
  });

  it('throws INVALID_AMOUNT when a result leaves the safe integers', () => {
    expectInvariant(() => add(rub(Number.MAX_SAFE_INTEGER), rub(1)), 'INVALID_AMOUNT');
  });

  it('compares, picks the smaller and the larger, and sums', () => {
    expect([compare(rub(1), rub(2)), compare(rub(2), rub(2)), compare(rub(3), rub(2))]).toEqual([-1, 0, 1]);
    expect(minimum(rub(5), rub(3))).toEqual(rub(3));
    expect(maximum(rub(5), rub(3))).toEqual(rub(5));
    expect(sum([rub(1), rub(2), rub(3)], 'RUB')).toEqual(rub(6));
    expect(sum([], 'USD')).toEqual(money(0, 'USD'));
  });

  it('equals compares currency and amount without throwing', () => {
    expect(equals(rub(1), rub(1))).toBe(true);
    expect(equals(rub(1), money(1, 'EUR'))).toBe(false);
  });
});

describe('rounding half up', () => {
  it('rounds halves away from zero and everything else to the nearest', () => {
    expect([divideRoundHalfUp(5, 2), divideRoundHalfUp(7, 3), divideRoundHalfUp(8, 3)]).toEqual([3, 2, 3]);
    expect([divideRoundHalfUp(-5, 2), divideRoundHalfUp(-7, 3)]).toEqual([-3, -2]);
    expectInvariant(() => divideRoundHalfUp(1, 0), 'INVALID_ARGUMENT');
  });

  it('takes percentages and decimal multipliers to the minor unit', () => {
    expect(percentOf(rub(1999), 50)).toEqual(rub(1000)); // 999.5
    expect(percentOf(rub(1999), 10)).toEqual(rub(200)); // 199.9
    expect(percentOf(rub(1001), 12.5)).toEqual(rub(125)); // 125.125
    expect(multiplyDecimal(rub(1999), 1.25)).toEqual(rub(2499)); // 2498.75
    expect(multiplyDecimal(rub(10), 0.15)).toEqual(rub(2)); // 1.5
    // 100 × 0.145 is 14.499999999999998 in floats (Math.round gives 14); exactly 14.5, so 15.
    expect(multiplyDecimal(rub(100), 0.145)).toEqual(rub(15));
    expect(percentOf(rub(100), 14.5)).toEqual(rub(15));
  });

  it('toScaled refuses more than four decimals', () => {
    expect(toScaled(1.2345)).toBe(12_345);
    expectInvariant(() => toScaled(1.23456), 'INVALID_ARGUMENT');
    expectInvariant(() => toScaled(Number.NaN), 'INVALID_ARGUMENT');
  });
});

const amountArb = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
const currencyArb = fc.constantFrom('RUB', 'EUR', 'USD', 'JPY', 'KZT');

describe('money properties', () => {
  it('percentOf equals the exact rational p/100 of the amount rounded half up', () => {
    fc.assert(
      fc.property(amountArb, fc.integer({ min: 0, max: 1_000_000 }), (amount, tenThousandths) => {
        const percent = tenThousandths / 10_000; // 0..100 with up to four decimals
        const expected = refRoundHalfUp(BigInt(amount) * BigInt(tenThousandths), 1_000_000n);
        expect(percentOf(rub(amount), percent)).toEqual(rub(Number(expected)));
      }),
    );
  });

  it('multiplyDecimal equals the exact product rounded half up', () => {
    fc.assert(
      fc.property(amountArb, fc.integer({ min: 0, max: 100_000 }), (amount, tenThousandths) => {
        const multiplier = tenThousandths / 10_000; // 0..10 with up to four decimals
        const expected = refRoundHalfUp(BigInt(amount) * BigInt(tenThousandths), 10_000n);
        expect(multiplyDecimal(rub(amount), multiplier)).toEqual(rub(Number(expected)));
      }),
    );
  });

  it('add is commutative and associative', () => {
    const a50 = fc.integer({ min: -(2 ** 50), max: 2 ** 50 });
    fc.assert(
      fc.property(currencyArb, a50, a50, a50, (c, x, y, z) => {
        const [a, b, d] = [money(x, c), money(y, c), money(z, c)];
        expect(add(a, b)).toEqual(add(b, a));
        expect(add(add(a, b), d)).toEqual(add(a, add(b, d)));
        expect(subtract(add(a, b), b)).toEqual(a);
      }),
    );
  });

  it('mixing currencies throws DomainInvariantError CURRENCY_MISMATCH', () => {
    const pair = fc.tuple(currencyArb, currencyArb).filter(([a, b]) => a !== b);
    fc.assert(
      fc.property(pair, amountArb, amountArb, ([c1, c2], x, y) => {
        const a = money(x, c1);
        const b = money(y, c2);
        for (const op of [add, subtract, compare, minimum, maximum]) expectInvariant(() => op(a, b), 'CURRENCY_MISMATCH');
        expectInvariant(() => sum([a], c2), 'CURRENCY_MISMATCH');
      }),
    );
  });
});
