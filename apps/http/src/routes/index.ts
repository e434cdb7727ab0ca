import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps } from '../deps.js';
import type { AppEnv } from '../env.js';
import { validationHook } from '../openapi/validation-hook.js';
import { adminEventsRoute } from './admin-events.route.js';
import { adminJobsRoute } from './admin-jobs.route.js';
import { adminRoute } from './admin.route.js';
import { categoriesRoute } from './categories.route.js';
import { eventsRoute } from './events.route.js';
import { meRoute } from './me.route.js';
import { organizationsRoute } from './organizations.route.js';
import { promoCodesRoute } from './promo-codes.route.js';
import { favoritesRoute } from './favorites.route.js';
import { reviewsRoute } from './reviews.route.js';
import { waitlistRoute } from './waitlist.route.js';
import { bookingsRoute } from './bookings.route.js';
import { ticketsRoute } from './tickets.route.js';
import { paymentsRoute } from './payments.route.js';

/** Every resource's sub-app, mounted under /api/v1. */
export function apiRoutes(deps: AppDeps): OpenAPIHono<AppEnv> {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  void deps;
  api.route('/', eventsRoute(deps)); // first: its write middleware clears the catalogue cache on every write under /api/v1
  api.route('/', waitlistRoute(deps));
  api.route('/', favoritesRoute(deps));
  api.route('/', reviewsRoute(deps));
  api.route('/', organizationsRoute(deps));
  api.route('/', categoriesRoute(deps));
  api.route('/', promoCodesRoute(deps));
  api.route('/', meRoute(deps));
  api.route('/', adminEventsRoute(deps));
  api.route('/', adminRoute(deps));
  api.route('/', adminJobsRoute(deps));
  api.route('/', bookingsRoute(deps));
  api.route('/', ticketsRoute(deps));
  api.route('/', paymentsRoute(deps));
  return api;
}
