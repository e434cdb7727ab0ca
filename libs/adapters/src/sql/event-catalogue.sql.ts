import type { CatalogueQuery } from '@aquastream/application';
import { isPublicEventStatus } from '@aquastream/domain';
import { literal, Op, type Order, type Sequelize, type WhereOptions } from 'sequelize';
import { EVENT_MODEL, type EventRow } from './models/event.model.js';
import type { Dialect } from './database.js';

/** `%`, `_` and the escape character itself match literally in the user's text. */
const likePattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The WHERE of the catalogue (DESIGN §4 `GET /events`). Text search is LIKE on SQLite (case-insensitive for ASCII
 * letters only: SQLite has no Unicode case folding without ICU) and ILIKE on PostgreSQL.
 */
export function catalogueWhere(sequelize: Sequelize, dialect: Dialect, query: CatalogueQuery): WhereOptions<EventRow> {
  const and: WhereOptions<EventRow>[] = [];
  if (query.statuses === undefined) {
    and.push({ status: 'PUBLISHED', startsAt: { [Op.gt]: new Date(query.now) } });
  } else {
    const visible = query.visibleOrganizationIds ?? [];
    const publicOnes = query.statuses.filter(isPublicEventStatus);
    const hidden = query.statuses.filter((s) => !isPublicEventStatus(s));
    if (visible === 'ALL' || hidden.length === 0) {
      and.push({ status: [...query.statuses] });
    } else {
      and.push({ [Op.or]: [{ status: publicOnes }, { status: hidden, organizationId: [...visible] }] });
    }
  }
  if (query.q !== undefined && query.q !== '') {
    const pattern = sequelize.escape(likePattern(query.q));
    const like = dialect === 'postgres' ? 'ILIKE' : 'LIKE';
    and.push(literal(`(title ${like} ${pattern} ESCAPE '\\' OR description ${like} ${pattern} ESCAPE '\\')`));
  }
  if (query.categoryIds !== undefined) and.push({ categoryId: [...query.categoryIds] });
  if (query.from !== undefined) and.push({ startsAt: { [Op.gte]: new Date(query.from) } });
  if (query.to !== undefined) and.push({ startsAt: { [Op.lte]: new Date(query.to) } });
  if (query.featured !== undefined) and.push({ featured: query.featured });
  if (query.organizationId !== undefined) and.push({ organizationId: query.organizationId });
  return { [Op.and]: and };
}

/** The lowest active price of the outer event row (NULL without an active option). */
const LOWEST_PRICE = `(SELECT MIN(po.price) FROM price_options po WHERE po.event_id = "${EVENT_MODEL}"."id" AND po.active = TRUE AND po.removed_at IS NULL)`;

/** Every sort ends with the id, so that pages never overlap nor skip rows that tie. */
export function catalogueOrder(sort: CatalogueQuery['sort']): Order {
  switch (sort) {
    case 'startsAt':
      return [['startsAt', 'ASC'], ['id', 'ASC']];
    case '-startsAt':
      return [['startsAt', 'DESC'], ['id', 'ASC']];
    case 'price':
      return [literal(`${LOWEST_PRICE} ASC NULLS LAST`), ['id', 'ASC']];
    case 'rating':
      return [literal(`"${EVENT_MODEL}"."avg_rating" DESC NULLS LAST`), ['id', 'ASC']];
    case 'popularity':
      return [['seatsTaken', 'DESC'], ['id', 'ASC']];
  }
}
