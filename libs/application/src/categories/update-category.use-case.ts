import { domainError, err, isAdmin, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import type { Category, CategoryRepository } from '../ports/category-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { categoryName, categoryPosition } from './category-input.js';
import { toCategoryView, wouldCycle, type CategoryView } from './category.view.js';

export type UpdateCategoryRequest = {
  readonly categoryId: string;
  readonly name?: string;
  /** `null` makes it a root; absent keeps the parent. */
  readonly parentId?: string | null;
  readonly position?: number;
};

/** PATCH /categories/{id} (admins): rename, move, reorder. A move under itself or its own descendants is CATEGORY_CYCLE. */
export class UpdateCategoryUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly categories: CategoryRepository,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: UpdateCategoryRequest): Promise<Result<CategoryView, AppError>> {
    if (ctx.actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to manage categories'));
    if (!isAdmin(ctx.actor)) return err(domainError('FORBIDDEN', 'only admins manage categories'));
    // Read and write in one transaction so that two concurrent moves cannot together close a loop on SQLite;
    // on PostgreSQL the window is as small as one request and a loop only hides nodes (categoryForest survives it).
    return this.uow.run(async (tx): Promise<Result<CategoryView, AppError>> => {
      const current = await this.categories.findById(tx, input.categoryId);
      if (current === null) return err(appError('CATEGORY_NOT_FOUND', `no category ${input.categoryId}`));
      const name = input.name === undefined ? ok(current.name) : categoryName(input.name);
      if (!name.ok) return name;
      const position = categoryPosition(input.position, current.position);
      if (!position.ok) return position;
      const parentId = input.parentId === undefined ? current.parentId : input.parentId;
      if (parentId !== null && parentId !== current.parentId) {
        const all = await this.categories.listAll(tx);
        if (!all.some((c) => c.id === parentId)) return err(appError('CATEGORY_NOT_FOUND', `no parent category ${parentId}`));
        if (wouldCycle(all, current.id, parentId)) {
          return err(appError('CATEGORY_CYCLE', 'a category cannot be moved under itself or one of its descendants'));
        }
      }
      const next: Category = { ...current, name: name.value, parentId, position: position.value };
      if (next.name === current.name && next.parentId === current.parentId && next.position === current.position) {
        return ok(toCategoryView(current));
      }
      const saved = { ...next, updatedAt: this.clock.now() };
      await this.categories.update(tx, saved);
      return ok(toCategoryView(saved));
    });
  }
}
