import { ConflictError, type Category, type CategoryRepository, type TxContext } from '@aquastream/application';
import type { InMemoryDatabase } from './in-memory-database.js';

const TABLE = 'categories';

// A refused write rejects the promise (as a driver would) instead of throwing before it exists.
const attempt = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const treeOrder = (a: Category, b: Category): number => a.position - b.position || cmp(a.name, b.name) || cmp(a.id, b.id);

/** The category tree on the in-memory database; same rules as the SQL adapter (unique slug, existing parent). */
export class InMemoryCategoryRepository implements CategoryRepository {
  constructor(private readonly db: InMemoryDatabase) {}

  private rows(tx: TxContext | null): Map<string, Category> {
    return this.db.table<Category>(TABLE, tx);
  }

  private check(tx: TxContext, category: Category): void {
    for (const c of this.rows(tx).values()) {
      if (c.slug === category.slug && c.id !== category.id) throw new ConflictError('category_slug');
    }
    // The foreign key of the SQL table.
    if (category.parentId !== null && !this.rows(tx).has(category.parentId)) {
      throw new Error(`parent category ${category.parentId} does not exist`);
    }
  }

  insert(tx: TxContext, category: Category): Promise<void> {
    return attempt(() => {
      if (this.rows(tx).has(category.id)) throw new ConflictError('category_pkey');
      this.check(tx, category);
      this.rows(tx).set(category.id, structuredClone(category));
    });
  }

  update(tx: TxContext, category: Category): Promise<void> {
    return attempt(() => {
      const current = this.rows(tx).get(category.id);
      if (!current) return;
      this.check(tx, category);
      this.rows(tx).set(category.id, { ...structuredClone(category), createdAt: current.createdAt });
    });
  }

  findById(tx: TxContext | null, id: string): Promise<Category | null> {
    const c = this.rows(tx).get(id);
    return Promise.resolve(c ? structuredClone(c) : null);
  }

  findBySlug(tx: TxContext | null, slug: string): Promise<Category | null> {
    const c = [...this.rows(tx).values()].find((r) => r.slug === slug);
    return Promise.resolve(c ? structuredClone(c) : null);
  }

  listAll(tx: TxContext | null): Promise<Category[]> {
    return Promise.resolve([...this.rows(tx).values()].sort(treeOrder).map((c) => structuredClone(c)));
  }
}
