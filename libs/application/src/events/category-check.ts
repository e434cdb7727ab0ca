import { appError, type AppError } from '../errors.js';
import type { CategoryRepository } from '../ports/category-repository.port.js';
import type { TxContext } from '../ports/unit-of-work.port.js';

/** An event may name only an existing category (the SQL foreign key would refuse it with a 500 otherwise). */
export async function checkCategory(categories: CategoryRepository, tx: TxContext | null, categoryId: string | null): Promise<AppError | null> {
  if (categoryId === null) return null;
  return (await categories.findById(tx, categoryId)) === null ? appError('CATEGORY_NOT_FOUND', `no category ${categoryId}`) : null;
}

/** A category and everything below it, for the catalogue's filter; empty when it does not exist. */
export async function categorySubtree(categories: CategoryRepository, idOrSlug: string): Promise<string[]> {
  const all = await categories.listAll(null);
  const root = all.find((c) => c.id === idOrSlug) ?? all.find((c) => c.slug === idOrSlug);
  if (root === undefined) return [];
  const ids = [root.id];
  for (let i = 0; i < ids.length; i += 1) {
    for (const c of all) if (c.parentId === ids[i] && !ids.includes(c.id)) ids.push(c.id);
  }
  return ids;
}
