import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { validationHook } from '../openapi/validation-hook.js';

/** Every resource's sub-app, mounted under /api/v1. */
export function apiRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  void deps;
  return api;
}
