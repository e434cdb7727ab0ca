import { err, ok, type Result } from '@aquastream/domain';
import { appError, type AppError } from '../errors.js';
import type { CategoryRepository } from '../ports/category-repository.port.js';
import { categoryForest, type CategoryNode } from './category.view.js';

/** GET /categories/{idOrSlug} (public): one category with its subtree. */
export class GetCategoryUseCase {
  constructor(private readonly categories: CategoryRepository) {}

  async execute(input: { readonly idOrSlug: string }): Promise<Result<CategoryNode, AppError>> {
    const all = await this.categories.listAll(null);
    const found = all.find((c) => c.id === input.idOrSlug) ?? all.find((c) => c.slug === input.idOrSlug);
    if (found === undefined) return err(appError('CATEGORY_NOT_FOUND', `no category ${input.idOrSlug}`));
    // The subtree is the forest of the list with this category's parent cut off.
    const node = categoryForest(all.map((c) => (c.id === found.id ? { ...c, parentId: null } : c))).find((n) => n.id === found.id);
    if (node === undefined) throw new Error(`category ${found.id} vanished from its own tree`);
    return ok({ ...node, parentId: found.parentId });
  }
}
