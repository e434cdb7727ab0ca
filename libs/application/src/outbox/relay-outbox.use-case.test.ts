import { describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../ports/outbox.port.js';
import { DEFAULT_RELAY_SETTINGS, relayRetryDelay, unsentAfter } from './relay-outbox.use-case.js';

const message = (attempts: number): OutboxMessage => ({
  id: 'm-1', type: 'booking.created', source: 'urn:aquastream:events', subject: 'b-1', time: 0, correlationId: 'c', actorId: null,
  data: {}, sequence: 1, status: 'PENDING', attempts, nextAttemptAt: null, lastError: null, sentAt: null,
});

describe('the relay back-off', () => {
  it('doubles from the base delay per failed attempt, up to the cap', () => {
    const settings = { baseDelayMs: 1_000, maxDelayMs: 300_000 };
    expect([1, 2, 3, 4, 5, 9, 10, 50].map((n) => relayRetryDelay(n, settings))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 256_000, 300_000, 300_000]);
    expect(relayRetryDelay(0, settings)).toBe(1_000);
  });

  it('backs a message off after a failure, and gives it up (FAILED) at the last attempt', () => {
    const settings = { ...DEFAULT_RELAY_SETTINGS, maxAttempts: 3 };
    expect(unsentAfter(message(0), 'message nacked', 10_000, settings)).toEqual({
      id: 'm-1', attempts: 1, status: 'PENDING', nextAttemptAt: 11_000, error: 'message nacked',
    });
    expect(unsentAfter(message(1), 'channel closed', 10_000, settings)).toMatchObject({ attempts: 2, status: 'PENDING', nextAttemptAt: 12_000 });
    expect(unsentAfter(message(2), 'message nacked', 10_000, settings)).toEqual({
      id: 'm-1', attempts: 3, status: 'FAILED', nextAttemptAt: null, error: 'message nacked',
    });
    expect(unsentAfter(message(0), 'x'.repeat(5_000), 0, settings).error).toHaveLength(1_000);
    expect(unsentAfter(message(0), '', 0, settings).error).toBe('unknown error');
  });
});
