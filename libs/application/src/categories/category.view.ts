import type { Instant } from '@aquastream/domain';
import type { Category } from '../ports/category-repository.port.js';

export type CategoryView = {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly parentId: string | null;
  readonly position: number;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
};

/** A category with everything below it, siblings in their display order. */
export type CategoryNode = CategoryView & { readonly children: readonly CategoryNode[] };

export const toCategoryView = (c: Category): CategoryView => ({
  id: c.id,
  name: c.name,
  slug: c.slug,
  parentId: c.parentId,
  position: c.position,
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});

/**
 * Builds the forest from a flat list already in sibling order. A category whose parent is missing (cannot happen
 * with the foreign key, but a tree must not lose nodes) is shown as a root.
 */
export function categoryForest(all: readonly Category[]): CategoryNode[] {
  const children = new Map<string | null, Category[]>();
  const ids = new Set(all.map((c) => c.id));
  for (const c of all) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(c);
    children.set(parent, list);
  }
  const build = (c: Category, seen: ReadonlySet<string>): CategoryNode => {
    const below = seen.has(c.id) ? [] : (children.get(c.id) ?? []);
    const path = new Set(seen).add(c.id);
    return { ...toCategoryView(c), children: below.map((k) => build(k, path)) };
  };
  return (children.get(null) ?? []).map((c) => build(c, new Set()));
}

/** Whether making `parentId` the parent of `categoryId` would close a loop: the parent is the category or below it. */
export function wouldCycle(all: readonly Category[], categoryId: string, parentId: string): boolean {
  const parentOf = new Map(all.map((c) => [c.id, c.parentId]));
  const visited = new Set<string>();
  for (let at: string | null = parentId; at !== null; at = parentOf.get(at) ?? null) {
    if (at === categoryId) return true;
    // An existing loop (broken data) must not hang the request.
    if (visited.has(at)) return true;
    visited.add(at);
  }
  return false;
}
