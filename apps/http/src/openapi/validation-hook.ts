import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { problem, sendProblem } from '../problem.js';

export type FieldError = { readonly field: string; readonly message: string; readonly code: string };

/** One entry per failing field, with a dotted path (`priceOptions.0.price`) a form can attach to its input. */
export function fieldErrors(error: ZodError, where: string): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : where,
    message: issue.message,
    code: issue.code,
  }));
}

/**
 * The `defaultHook` of every OpenAPIHono: a schema failure is a 400 problem document with `errors[]`, never
 * zod-openapi's default `{ success: false, error }`.
 */
export function validationHook(
  result: { success: true } | { success: false; error: ZodError; target: string },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  const errors = fieldErrors(result.error, result.target);
  return sendProblem(
    c,
    problem(400, 'VALIDATION_FAILED', 'Bad Request', `${errors.length} field(s) of the ${result.target} are invalid`, { errors }),
  );
}
