import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An RFC 9457 problem document with the machine-readable `code` every error of this API carries. */
export type Problem = {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly [extra: string]: unknown;
};

export function problem(status: ContentfulStatusCode, code: string, title: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  // Extension members first: the standard members (status above all) can never be overwritten by one.
  return { ...extra, type: `https://aquastream.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`, title, status, detail, code };
}

export function sendProblem(c: Context, p: Problem): Response {
  return c.body(JSON.stringify(p), p.status as ContentfulStatusCode, { 'content-type': 'application/problem+json' });
}
