import { ok, type Result } from '@aquastream/domain';
import type { AppError } from '../errors.js';
import type { CategoryRepository } from '../ports/category-repository.port.js';
import { categoryForest, type CategoryNode } from './category.view.js';

/** GET /categories (public): the whole tree, roots and children in display order. */
export class ListCategoriesUseCase {
  constructor(private readonly categories: CategoryRepository) {}

  async execute(): Promise<Result<readonly CategoryNode[], AppError>> {
    return ok(categoryForest(await this.categories.listAll(null)));
  }
}
