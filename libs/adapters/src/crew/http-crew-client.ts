import type { CrewClient, CrewRequestInput } from '@aquastream/application';
import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  IsolatedCircuitError,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
  wrap,
  type CircuitBreakerPolicy,
  type IPolicy,
} from 'cockatiel';
import { CrewServiceError } from './crew-service.error.js';

export type CircuitStatus = 'closed' | 'open' | 'half-open' | 'isolated';

export type HttpCrewClientOptions = {
  /** `CREW_SERVICE_URL`: the API of docs/crew-service.md lives under it. */
  readonly baseUrl: string;
  /** `CREW_SERVICE_TOKEN`: sent as a bearer token unless a call forwards the acting user's own. */
  readonly serviceToken?: string | null;
  /** Per attempt (`CREW_TIMEOUT_MS`). */
  readonly timeoutMs?: number;
  /** Further attempts after a transient failure, within one call (`CREW_RETRY_ATTEMPTS`). */
  readonly retries?: number;
  /** Exponential back-off with decorrelated jitter between those attempts. */
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Consecutive transient failures that open the circuit. */
  readonly breakerThreshold?: number;
  /** How long an open circuit refuses calls before letting one trial call through (half-open). */
  readonly halfOpenAfterMs?: number;
  /** Told whenever the circuit changes state (the composition root logs it). */
  readonly onCircuitChange?: (state: CircuitStatus) => void;
};

/** Defaults of DESIGN §3.9 and issue 5: 5 s per attempt, a few attempts, open after 5 failures, half-open after 30 s. */
export const CREW_CLIENT_DEFAULTS = {
  timeoutMs: 5_000,
  retries: 2,
  initialBackoffMs: 200,
  maxBackoffMs: 2_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
} as const;

const STATUS: Record<CircuitState, CircuitStatus> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

type Answer = { readonly status: number; readonly text: string };

/**
 * The crew service over HTTP (docs/crew-service.md), with cockatiel policies around every call, outermost first:
 * retry (transient failures only, exponential back-off with jitter) → circuit breaker (counts transient failures;
 * while open, calls fail at once without touching the network) → timeout (per attempt; the request is aborted).
 * A request is a `PUT` per event, so repeating it after a timeout cannot book two crews. Every failure is thrown as a
 * CrewServiceError; the caller (FulfilCrewRequestService) records it and the retry job tries again later.
 * The breaker lives in this object: one per process, which is what a breaker is for (it protects this process's
 * callers, and nothing is coordinated through it).
 */
export class HttpCrewClient implements CrewClient {
  private readonly baseUrl: string;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly policy: IPolicy;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpCrewClientOptions) {
    const o = { ...CREW_CLIENT_DEFAULTS, ...definedOnly(options) };
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = o.timeoutMs;
    const transient = handleWhen((e) => (e instanceof CrewServiceError && e.transient) || e instanceof TaskCancelledError);
    this.breaker = circuitBreaker(transient, { halfOpenAfter: o.halfOpenAfterMs, breaker: new ConsecutiveBreaker(o.breakerThreshold) });
    const retries = retry(transient, {
      maxAttempts: o.retries,
      backoff: new ExponentialBackoff({ initialDelay: o.initialBackoffMs, maxDelay: o.maxBackoffMs }),
    });
    this.policy = wrap(retries, this.breaker, timeout(o.timeoutMs, TimeoutStrategy.Aggressive));
    const listener = options.onCircuitChange;
    if (listener !== undefined) this.breaker.onStateChange((state) => listener(STATUS[state]));
  }

  /** The breaker's state now (for logs, health pages and tests). */
  get circuit(): CircuitStatus {
    return STATUS[this.breaker.state];
  }

  async requestCrew(input: CrewRequestInput, auth?: string): Promise<{ readonly crewId: string }> {
    const body = {
      eventId: input.eventId,
      size: input.size,
      skills: input.skills,
      startsAt: new Date(input.startsAt).toISOString(),
      endsAt: input.endsAt === null ? null : new Date(input.endsAt).toISOString(),
    };
    const answer = await this.call('PUT', this.assignmentPath(input.eventId), body, auth);
    const crewId = crewIdOf(answer.text);
    if (crewId === null) {
      throw new CrewServiceError(`crew service answered ${answer.status} without a crewId to PUT ${this.assignmentPath(input.eventId)}`, 'protocol', answer.status);
    }
    return { crewId };
  }

  async releaseCrew(eventId: string, crewId: string | null): Promise<void> {
    const query = crewId === null ? '' : `?crewId=${encodeURIComponent(crewId)}`;
    // 404: nothing (or another crew) is assigned any more, which is what a release wants.
    await this.call('DELETE', `${this.assignmentPath(eventId)}${query}`, undefined, undefined, [404]);
  }

  private assignmentPath(eventId: string): string {
    return `/assignments/${encodeURIComponent(eventId)}`;
  }

  private async call(method: 'PUT' | 'DELETE', path: string, body: unknown, auth: string | undefined, alsoFine: readonly number[] = []): Promise<Answer> {
    let attempts = 0;
    try {
      return await this.policy.execute(({ signal }) => {
        attempts += 1;
        return this.attempt(method, path, body, auth, signal, alsoFine);
      });
    } catch (error: unknown) {
      const what = `${method} ${path}`;
      if (error instanceof CrewServiceError) throw error;
      if (error instanceof TaskCancelledError) {
        throw new CrewServiceError(`crew service did not answer ${what} within ${this.timeoutMs} ms (${attempts} attempt(s))`, 'timeout', null, { cause: error });
      }
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        throw new CrewServiceError(`crew service circuit is open after repeated failures; ${what} not attempted`, 'circuit_open', null, { cause: error });
      }
      throw error;
    }
  }

  private async attempt(
    method: string,
    path: string,
    body: unknown,
    auth: string | undefined,
    signal: AbortSignal,
    alsoFine: readonly number[],
  ): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'aquastream-events crew-client' };
    const token = bearer(auth) ?? this.options.serviceToken ?? null;
    if (token !== null && token !== '') headers['authorization'] = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, { method, headers, signal, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    } catch (error: unknown) {
      // Aborted by the timeout policy, which has already answered with its own error.
      if (signal.aborted) throw error;
      throw new CrewServiceError(`crew service unreachable for ${method} ${path}: ${causeText(error)}`, 'unavailable', null, { cause: error });
    }
    // Read inside the attempt: the timeout covers a body that trickles in, and the connection is released either way.
    const text = await res.text();
    if ((res.status >= 200 && res.status < 300) || alsoFine.includes(res.status)) return { status: res.status, text };
    const transient = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new CrewServiceError(
      `crew service answered ${res.status} to ${method} ${path}${snippet(text)}`,
      transient ? 'unavailable' : 'rejected',
      res.status,
    );
  }
}

/** `auth` may be a bare token or a whole `Bearer …` header value. */
function bearer(auth: string | undefined): string | null {
  if (auth === undefined) return null;
  const token = auth.replace(/^Bearer\s+/i, '').trim();
  return token === '' ? null : token;
}

function crewIdOf(text: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error: unknown) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { crewId } = parsed as Record<string, unknown>;
  return typeof crewId === 'string' && crewId !== '' && crewId.length <= 255 ? crewId : null;
}

function snippet(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t === '' ? '' : `: ${t.slice(0, 200)}`;
}

/** fetch hides the reason (ECONNREFUSED, …) in `cause`. */
function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
