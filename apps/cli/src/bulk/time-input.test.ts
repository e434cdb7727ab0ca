import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-errors.js';
import { formatShift, parseInstant, parseShift } from './time-input.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('parseShift', () => {
  it.each([
    ['+2h', 2 * HOUR],
    ['2h', 2 * HOUR],
    ['-30m', -30 * MIN],
    ['1h30m', 90 * MIN],
    ['+1d', DAY],
    ['1w', 7 * DAY],
    ['45s', 45_000],
    ['PT2H', 2 * HOUR],
    ['-PT30M', -30 * MIN],
    ['P1DT2H', DAY + 2 * HOUR],
    ['P1W', 7 * DAY],
    ['PT1.5S', 1_500],
    ['pt90m', 90 * MIN],
  ])('%s is %i ms', (text, ms) => {
    expect(parseShift(text)).toBe(ms);
  });

  it.each(['', 'two hours', '2', 'PT', 'P', '+', '2x', 'PT2H30', '0h', 'PT0S'])('refuses %j as bad usage', (text) => {
    expect(() => parseShift(text)).toThrow(UsageError);
  });

  it('refuses years and months, whose length depends on the date', () => {
    expect(() => parseShift('P1M')).toThrow(/years and months have no fixed length/);
    expect(() => parseShift('P1Y')).toThrow(/years and months/);
  });

  it('formats a shift back for people', () => {
    expect(formatShift(2 * HOUR)).toBe('+2h');
    expect(formatShift(-(DAY + 90 * MIN))).toBe('-1d1h30m');
  });
});

describe('parseInstant', () => {
  it('reads date-times with their offset', () => {
    expect(parseInstant('--to', '2030-07-01T10:00:00+03:00')).toBe(Date.UTC(2030, 6, 1, 7));
    expect(parseInstant('--to', '2030-07-01T10:00Z')).toBe(Date.UTC(2030, 6, 1, 10));
    expect(parseInstant('--to', '2030-07-01 10:00:00.250-0130')).toBe(Date.UTC(2030, 6, 1, 11, 30, 0, 250));
  });

  it('reads a date alone as the start of that UTC day, or its end for an upper bound', () => {
    expect(parseInstant('--from', '2030-07-01')).toBe(Date.UTC(2030, 6, 1));
    expect(parseInstant('--to', '2030-07-01', true)).toBe(Date.UTC(2030, 6, 2) - 1);
  });

  it('refuses a date-time without an offset, naming the option', () => {
    expect(() => parseInstant('--to', '2030-07-01T10:00')).toThrow(/--to 2030-07-01T10:00: add the time zone offset/);
  });

  it.each(['tomorrow', '2030-13-01', '2030-02-30T10:00Z', '07/01/2030'])('refuses %j', (text) => {
    expect(() => parseInstant('--from', text)).toThrow(UsageError);
  });
});
