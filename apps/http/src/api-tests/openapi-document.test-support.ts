// Reading the OpenAPI document in whole-API tests: its operations, and the list of operations DESIGN §4 promises.

export type OpenApiParameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema };
export type JsonSchema = { [key: string]: unknown };
export type OpenApiOperation = {
  summary?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
};
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema>; securitySchemes?: Record<string, unknown> };
};

export type DocumentedOperation = {
  /** `METHOD /path` with the parameter names blanked (`GET /events/{}`), to compare with the contract. */
  readonly key: string;
  readonly method: string;
  /** The document's path under /api/v1 (`/events/{id}`). */
  readonly path: string;
  readonly operation: OpenApiOperation;
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

export function operationsOf(doc: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`,
        method: method.toUpperCase(),
        path,
        operation,
      })),
  );
}

/** Every operation of DESIGN §4's table (under /api/v1), with the jobs routes of §8 and the refund quote of §3.3. */
export const CONTRACT_OPERATIONS: readonly string[] = [
  'GET /events',
  'GET /events/{}',
  'POST /events',
  'PATCH /events/{}',
  'DELETE /events/{}',
  'POST /events/{}/publish',
  'POST /events/{}/submit',
  'POST /events/{}/approve',
  'POST /events/{}/reject',
  'POST /events/{}/cancel',
  'POST /events/{}/crew',
  'GET /events/{}/stats',
  'GET /events/{}/calendar.ics',
  'GET /events/{}/info.pdf',
  'GET /events/{}/bookings',
  'GET /events/{}/faq',
  'POST /events/{}/faq',
  'POST /events/{}/waitlist',
  'GET /events/{}/waitlist',
  'GET /waitlist',
  'POST /waitlist/{}/claim',
  'DELETE /waitlist/{}',
  'POST /bookings',
  'GET /bookings',
  'GET /bookings/{}',
  'POST /bookings/{}/cancel',
  'GET /bookings/{}/ticket',
  'GET /bookings/{}/refund-quote',
  'POST /tickets/{}/check-in',
  'POST /payments',
  'GET /payments/{}',
  'POST /payments/{}/refund',
  'POST /payments/webhooks/{}',
  'POST /favorites',
  'GET /favorites',
  'DELETE /favorites/{}',
  'POST /reviews',
  'PATCH /reviews/{}',
  'GET /reviews',
  'POST /reviews/{}/replies',
  'POST /reviews/{}/helpful',
  'POST /reviews/{}/moderate',
  'GET /categories',
  'POST /categories',
  'PATCH /categories/{}',
  'POST /promo-codes',
  'GET /promo-codes',
  'GET /promo-codes/{}',
  'PATCH /promo-codes/{}',
  'POST /promo-codes/{}/validate',
  'POST /organizations',
  'GET /organizations',
  'GET /organizations/{}',
  'GET /organizations/{}/members',
  'POST /organizations/{}/members',
  'POST /admin/events/bulk-cancel',
  'POST /admin/events/bulk-reschedule',
  'GET /admin/audit',
  'GET /admin/analytics/popular',
  'GET /admin/jobs',
  'POST /admin/jobs/{}/run',
  'GET /me',
].map((op) => op.replace(' /', ' /api/v1/'));
