// The OpenAPI document as a frontend developer receives it: valid OpenAPI 3.1, complete against DESIGN §4, and every
// operation documents the problem codes it can answer.
import { compileErrors, validate } from '@readme/openapi-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_STATUS } from '../errors/domain-error-status.js';
import { testApp } from '../testing/test-app.test-support.js';
import { CONTRACT_OPERATIONS, operationsOf, type OpenApiDocument } from './openapi-document.test-support.js';

/** Codes the HTTP layer itself answers (not in the domain table), with their status. */
const HTTP_CODES: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BAD_REQUEST: 400,
  INVALID_SIGNATURE: 400,
  NOT_AUTHENTICATED: 401,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  AUTH_UNAVAILABLE: 503,
};
const KNOWN_STATUS: Readonly<Record<string, number>> = {
  ...Object.fromEntries(Object.entries(DOMAIN_ERROR_STATUS).map(([code, { status }]) => [code, status])),
  ...HTTP_CODES,
};

let doc: OpenApiDocument;
beforeAll(async () => {
  const res = await testApp().call('GET', '/api/v1/openapi.json');
  expect(res.status).toBe(200);
  doc = res.json as OpenApiDocument;
});

describe('the OpenAPI document', () => {
  it('validates as OpenAPI 3.1 (@readme/openapi-parser)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('describes every operation of DESIGN §4 (plus jobs, /me)', () => {
    const documented = new Set(operationsOf(doc).map((o) => o.key));
    const missing = CONTRACT_OPERATIONS.filter((op) => !documented.has(op));
    expect(missing, `missing from /api/v1/openapi.json:\n${missing.join('\n')}`).toEqual([]);
  });

  it('documents every operation with a summary, a tag and its problem responses with their codes', () => {
    const faults: string[] = [];
    // The sandbox checkout page (outside /api/v1) is HTML for a person, not part of the JSON API.
    for (const op of operationsOf(doc).filter((o) => o.path.startsWith('/api/v1/'))) {
      const o = op.operation;
      if (!o.summary) faults.push(`${op.key}: no summary`);
      if (!o.tags?.length) faults.push(`${op.key}: no tag`);
      const problems = Object.entries(o.responses ?? {}).filter(([status]) => Number(status) >= 400);
      if (problems.length === 0) faults.push(`${op.key}: no problem response`);
      for (const [status, response] of problems) {
        if (!response.content?.['application/problem+json']) faults.push(`${op.key} ${status}: not application/problem+json`);
        // "CODE_A, CODE_B (when …)": the codes, each optionally followed by a parenthesised explanation.
        const codes = (response.description ?? '')
          .replace(/\([^)]*\)/g, '')
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
        if (codes.length === 0 || !codes.every((c) => /^[A-Z][A-Z0-9_]+$/.test(c))) {
          faults.push(`${op.key} ${status}: description should list its codes, got ${JSON.stringify(response.description)}`);
        }
        for (const code of codes) {
          const expected = KNOWN_STATUS[code];
          if (expected !== undefined && expected !== Number(status)) faults.push(`${op.key}: ${code} is ${expected}, documented under ${status}`);
        }
      }
      const has = (status: number) => problems.some(([s]) => Number(s) === status);
      const hasInput = (o.parameters ?? []).length > 0 || o.requestBody !== undefined;
      if (hasInput && !has(400)) faults.push(`${op.key}: takes input but documents no 400`);
      if (o.security?.length && !has(401)) faults.push(`${op.key}: needs a token but documents no 401`);
    }
    expect(faults, faults.join('\n')).toEqual([]);
  });

  it('documents the bearer scheme, and marks signed-in operations with it', () => {
    expect(doc.components?.securitySchemes?.['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const unsecured = operationsOf(doc)
      .filter((o) => /^(POST|PATCH|PUT|DELETE) /.test(o.key) && o.path.startsWith('/api/v1/') && !o.key.includes('/webhooks/'))
      .filter((o) => !o.operation.security?.length)
      .map((o) => o.key);
    expect(unsecured, `writes without security: ${unsecured.join(', ')}`).toEqual([]);
  });
});
