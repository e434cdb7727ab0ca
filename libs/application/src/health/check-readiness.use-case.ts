import type { HealthCheck } from '../ports/health-check.port.js';

export type CheckResult = { readonly status: 'UP' | 'DOWN'; readonly required: boolean; readonly error?: string };
export type Readiness = { readonly status: 'UP' | 'DOWN'; readonly checks: Readonly<Record<string, CheckResult>> };

/**
 * Probes every dependency at once, each bounded by `timeoutMs` so that a hanging dependency makes the service
 * unready instead of making the probe hang. The service is DOWN when any required dependency is.
 */
export class CheckReadinessUseCase {
  constructor(
    private readonly checks: readonly HealthCheck[],
    private readonly timeoutMs = 2_000,
  ) {}

  async execute(): Promise<Readiness> {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await this.probe(c)] as const));
    const down = results.some(([, r]) => r.status === 'DOWN' && r.required);
    return { status: down ? 'DOWN' : 'UP', checks: Object.fromEntries(results) };
  }

  private async probe(check: HealthCheck): Promise<CheckResult> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      await Promise.race([check.probe(), timeout]);
      return { status: 'UP', required: check.required };
    } catch (error: unknown) {
      return { status: 'DOWN', required: check.required, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
