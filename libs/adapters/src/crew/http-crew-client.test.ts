import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CrewServiceError } from './crew-service.error.js';
import { startCrewStub, type CrewStub } from './crew-stub.test-support.js';
import { HttpCrewClient, type CircuitStatus, type HttpCrewClientOptions } from './http-crew-client.js';

const SERVICE_TOKEN = 'svc-token-for-tests';
const request = (eventId = 'evt-1') => ({
  eventId,
  size: 2,
  skills: ['skipper', 'medic'],
  startsAt: Date.UTC(2026, 11, 1, 10, 0, 0),
  endsAt: Date.UTC(2026, 11, 1, 13, 0, 0),
});

/** The CrewServiceError a call failed with (fails the test when it succeeded or threw something else). */
async function failure(call: Promise<unknown>): Promise<CrewServiceError> {
  try {
    await call;
  } catch (error: unknown) {
    if (error instanceof CrewServiceError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return address.port;
}

let stub: CrewStub;
beforeAll(async () => {
  stub = await startCrewStub();
});
afterAll(() => stub.stop());
beforeEach(() => stub.reset());

// Short back-off so that retries do not slow the suite; everything else as in production unless a test says otherwise.
const client = (o: Partial<HttpCrewClientOptions> = {}) =>
  new HttpCrewClient({ baseUrl: `${stub.url}/`, serviceToken: SERVICE_TOKEN, initialBackoffMs: 5, maxBackoffMs: 20, ...o });

describe('HttpCrewClient against the stub crew service', () => {
  it('asks for a crew with one PUT per event (JSON, ISO times, the service token) and answers its id', async () => {
    const crew = client();
    expect(await crew.requestCrew(request())).toEqual({ crewId: 'crew-1' });
    // The same request again is the same PUT: a retry can never book a second crew.
    expect(await crew.requestCrew(request())).toEqual({ crewId: 'crew-1' });
    expect(await crew.requestCrew(request('evt-2'))).toEqual({ crewId: 'crew-2' });
    const [first] = await stub.calls();
    expect(first).toMatchObject({ method: 'PUT', path: '/assignments/evt-1', authorization: `Bearer ${SERVICE_TOKEN}` });
    expect(JSON.parse(first?.body ?? 'null')).toEqual({
      eventId: 'evt-1',
      size: 2,
      skills: ['skipper', 'medic'],
      startsAt: '2026-12-01T10:00:00.000Z',
      endsAt: '2026-12-01T13:00:00.000Z',
    });
  });

  it("forwards the acting user's token instead of the service token when given one, and none when there is neither", async () => {
    await client().requestCrew(request(), 'user-jwt');
    await client().requestCrew(request('evt-2'), 'Bearer other-jwt');
    await client({ serviceToken: null }).requestCrew(request('evt-3'));
    expect((await stub.calls()).map((c) => c.authorization)).toEqual(['Bearer user-jwt', 'Bearer other-jwt', null]);
  });

  it('releases with DELETE; releasing a crew that is no longer assigned is not an error', async () => {
    const crew = client();
    const { crewId } = await crew.requestCrew(request());
    await crew.releaseCrew('evt-1', crewId);
    await crew.releaseCrew('evt-1', crewId);
    await crew.releaseCrew('never-asked', null);
    const calls = await stub.calls();
    expect(calls.slice(1).map((c) => `${c.method} ${c.path}`)).toEqual([
      'DELETE /assignments/evt-1?crewId=crew-1',
      'DELETE /assignments/evt-1?crewId=crew-1',
      'DELETE /assignments/never-asked',
    ]);
  });

  it('gives up on a slow service after the timeout, per attempt, and says so', async () => {
    await stub.behave({ mode: 'slow', delayMs: 3_000 });
    const error = await failure(client({ timeoutMs: 100, retries: 1 }).requestCrew(request()));
    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not answer PUT \/assignments\/evt-1 within 100 ms \(2 attempt/);
    expect(await stub.calls()).toHaveLength(2);
  });

  it('retries a failing service with back-off, then fails with its status', async () => {
    await stub.behave({ mode: 'fail', status: 503 });
    const error = await failure(client({ retries: 2 }).requestCrew(request()));
    expect(error).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(error.message).toContain('crew service answered 503 to PUT /assignments/evt-1');
    expect(await stub.calls()).toHaveLength(3);
  });

  it('recovers within one call when the failure passes before the attempts run out', async () => {
    await stub.behave({ mode: 'fail', status: 502, times: 2 });
    expect(await client({ retries: 2 }).requestCrew(request())).toEqual({ crewId: 'crew-1' });
    expect(await stub.calls()).toHaveLength(3);
  });

  it('does not retry a refusal (4xx): asking again at once would be refused again', async () => {
    await stub.behave({ mode: 'reject', status: 422 });
    expect(await failure(client({ retries: 2 }).requestCrew(request()))).toMatchObject({ kind: 'rejected', status: 422 });
    expect(await stub.calls()).toHaveLength(1);
  });

  it('treats 429 and 408 as transient', async () => {
    await stub.behave({ mode: 'fail', status: 429, times: 1 });
    expect(await client({ retries: 1 }).requestCrew(request())).toEqual({ crewId: 'crew-1' });
    await stub.behave({ mode: 'fail', status: 408 });
    expect(await failure(client({ retries: 1 }).requestCrew(request('evt-2')))).toMatchObject({ kind: 'unavailable', status: 408 });
  });

  it('reports a service that cannot be reached as unavailable', async () => {
    const error = await failure(client({ baseUrl: `http://127.0.0.1:${await closedPort()}`, retries: 1 }).requestCrew(request()));
    expect(error.kind).toBe('unavailable');
    expect(error.message).toMatch(/unreachable for PUT \/assignments\/evt-1: fetch failed: .*ECONNREFUSED/);
  });
});

describe('HttpCrewClient circuit breaker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Three failing calls open a breaker with threshold 3 (no retries, so one attempt per call). */
  async function opened(states: CircuitStatus[]): Promise<HttpCrewClient> {
    const crew = client({ retries: 0, breakerThreshold: 3, onCircuitChange: (s) => states.push(s) });
    await stub.behave({ mode: 'fail', status: 500 });
    for (let i = 0; i < 3; i += 1) expect((await failure(crew.requestCrew(request()))).kind).toBe('unavailable');
    expect(crew.circuit).toBe('open');
    return crew;
  }

  it('opens after consecutive failures and then refuses at once, without calling the service', async () => {
    const states: CircuitStatus[] = [];
    const crew = await opened(states);
    await stub.behave({ mode: 'ok' });
    const error = await failure(crew.requestCrew(request()));
    expect(error.kind).toBe('circuit_open');
    expect(error.message).toContain('circuit is open');
    await expect(crew.releaseCrew('evt-1', null)).rejects.toMatchObject({ kind: 'circuit_open' });
    expect(await stub.calls()).toHaveLength(3);
    expect(states).toEqual(['open']);
  });

  it('counts only failures that say the service is in trouble: refusals and successes keep it closed', async () => {
    const crew = client({ retries: 0, breakerThreshold: 2 });
    await stub.behave({ mode: 'reject', status: 409 });
    for (let i = 0; i < 3; i += 1) await failure(crew.requestCrew(request()));
    expect(crew.circuit).toBe('closed');
    await stub.behave({ mode: 'fail', status: 503, times: 1 });
    await failure(crew.requestCrew(request()));
    await crew.requestCrew(request());
    await stub.behave({ mode: 'fail', status: 503, times: 1 });
    await failure(crew.requestCrew(request()));
    expect(crew.circuit).toBe('closed');
  });

  it('half-opens 30 s after opening: one trial call goes through and, when it succeeds, closes the circuit', async () => {
    const states: CircuitStatus[] = [];
    const crew = await opened(states);
    const openedAt = Date.now();
    await stub.behave({ mode: 'ok' });
    // Only the clock the breaker reads is moved; sockets and timers stay real.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(openedAt + 29_000);
    expect((await failure(crew.requestCrew(request()))).kind).toBe('circuit_open');
    vi.setSystemTime(openedAt + 30_500);
    expect(await crew.requestCrew(request())).toEqual({ crewId: 'crew-1' });
    expect(crew.circuit).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'closed']);
    expect(await stub.calls()).toHaveLength(4);
  });

  it('opens again when the trial call fails', async () => {
    const states: CircuitStatus[] = [];
    const crew = await opened(states);
    const openedAt = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(openedAt + 31_000);
    expect((await failure(crew.requestCrew(request()))).kind).toBe('unavailable');
    expect(crew.circuit).toBe('open');
    expect((await failure(crew.requestCrew(request()))).kind).toBe('circuit_open');
    expect(states).toEqual(['open', 'half-open', 'open']);
    expect(await stub.calls()).toHaveLength(4);
  });
});
