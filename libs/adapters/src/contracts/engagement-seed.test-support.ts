import { randomUUID } from 'node:crypto';
import type { Database } from '../sql/database.js';

/** An organisation and a published event as bare rows: reviews and favorites need only an event id to point at. */
export async function seedSqlEvent(db: Database): Promise<string> {
  const qi = db.sequelize.getQueryInterface();
  const organizationId = randomUUID();
  const eventId = randomUUID();
  const now = new Date();
  await qi.bulkInsert('organizations', [
    { id: organizationId, name: 'Engagement org', slug: `en-${organizationId}`, review_required: false, moderate_reviews: false, created_at: now },
  ]);
  await qi.bulkInsert('events', [
    {
      id: eventId, organization_id: organizationId, creator_id: 'organiser', title: 'Regatta', status: 'PUBLISHED',
      starts_at: new Date(Date.UTC(2030, 0, 1)), time_zone: 'UTC', capacity: 10, seats_taken: 0, currency: 'EUR',
      booking_deadline_hours: 24, max_tickets_per_booking: 10, refund_policy: '[]', dynamic_pricing: '[]',
      group_discounts: '[]', created_at: now, updated_at: now,
    },
  ]);
  return eventId;
}
