import { domainError, err, isAdmin, ok, type Result } from '@aquastream/domain';
import type { UseCaseContext } from '../context.js';
import { appError, type AppError } from '../errors.js';
import { freeSlug, slugify } from '../organizations/slug.js';
import type { Category, CategoryRepository } from '../ports/category-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import { ConflictError } from '../ports/conflict.error.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import { categoryName, categoryPosition } from './category-input.js';
import { toCategoryView, type CategoryView } from './category.view.js';

export type CreateCategoryRequest = {
  readonly name: string;
  readonly parentId?: string | null;
  /** Order among its siblings; default 0 (then by name). */
  readonly position?: number;
};

/** POST /categories (admins). The slug comes from the name, numbered when taken; it never changes afterwards. */
export class CreateCategoryUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly categories: CategoryRepository,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(ctx: UseCaseContext, input: CreateCategoryRequest): Promise<Result<CategoryView, AppError>> {
    if (ctx.actor.kind === 'guest') return err(appError('NOT_AUTHENTICATED', 'sign in to manage categories'));
    if (!isAdmin(ctx.actor)) return err(domainError('FORBIDDEN', 'only admins manage categories'));
    const name = categoryName(input.name);
    if (!name.ok) return name;
    const position = categoryPosition(input.position, 0);
    if (!position.ok) return position;
    const parentId = input.parentId ?? null;
    const id = this.ids.next();
    const now = this.clock.now();
    try {
      const created = await this.uow.run(async (tx) => {
        if (parentId !== null && (await this.categories.findById(tx, parentId)) === null) return null;
        const slug = await freeSlug(slugify(name.value, 'category'), id, async (s) => (await this.categories.findBySlug(tx, s)) !== null);
        const category: Category = { id, name: name.value, slug, parentId, position: position.value, createdAt: now, updatedAt: now };
        await this.categories.insert(tx, category);
        return category;
      });
      if (created === null) return err(appError('CATEGORY_NOT_FOUND', `no parent category ${parentId ?? ''}`));
      return ok(toCategoryView(created));
    } catch (error) {
      // Two admins creating the same name at once: the second may simply retry and get the next number.
      if (error instanceof ConflictError && error.constraint === 'category_slug') {
        return err(appError('INVALID_REQUEST', 'a category with this name was created meanwhile; try again', { field: 'name' }));
      }
      throw error;
    }
  }
}
