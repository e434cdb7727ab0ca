import { randomUUID } from 'node:crypto';
import { ConflictError, type Category, type CategoryRepository, type UnitOfWork } from '@aquastream/application';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export type CategoryRepositoryHarness = { readonly repo: CategoryRepository; readonly uow: UnitOfWork; close(): Promise<void> };

const T0 = Date.UTC(2026, 1, 2, 3, 4, 5, 678);

/** What every CategoryRepository does. One database serves the suite; cases use random slugs and compare only their own rows. */
export function describeCategoryRepositoryContract(name: string, open: () => Promise<CategoryRepositoryHarness>): void {
  describe(`CategoryRepository contract: ${name}`, () => {
    let h: CategoryRepositoryHarness;
    let opened = false;
    beforeAll(async () => {
      h = await open();
      opened = true;
    });
    afterAll(async () => {
      if (opened) await h.close();
    });

    const aCategory = (o: Partial<Category> = {}): Category => {
      const id = randomUUID();
      return { id, name: `cat ${id}`, slug: `cat-${id}`, parentId: null, position: 0, createdAt: T0, updatedAt: T0, ...o };
    };
    const save = (...cs: Category[]) =>
      h.uow.run(async (tx) => {
        for (const c of cs) await h.repo.insert(tx, c);
      });

    it('stores a category and reads it back by id and slug', async () => {
      const root = aCategory({ position: 3 });
      const child = aCategory({ parentId: root.id, position: -1, updatedAt: T0 + 5 });
      await save(root, child);
      expect(await h.repo.findById(null, child.id)).toEqual(child);
      expect(await h.repo.findBySlug(null, root.slug)).toEqual(root);
      expect(await h.repo.findById(null, randomUUID())).toBeNull();
      expect(await h.repo.findBySlug(null, 'no-such-slug')).toBeNull();
    });

    it('a taken slug is ConflictError(category_slug), on insert and on update, and nothing is kept', async () => {
      const a = aCategory();
      const b = aCategory();
      await save(a, b);
      const clash = aCategory({ slug: a.slug });
      const inserted = await save(clash).catch((e: unknown) => e);
      expect(inserted).toBeInstanceOf(ConflictError);
      expect((inserted as ConflictError).constraint).toBe('category_slug');
      expect(await h.repo.findById(null, clash.id)).toBeNull();
      const updated = await h.uow.run((tx) => h.repo.update(tx, { ...b, slug: a.slug })).catch((e: unknown) => e);
      expect((updated as ConflictError).constraint).toBe('category_slug');
      expect(await h.repo.findById(null, b.id)).toEqual(b);
    });

    it('a parent that does not exist is refused', async () => {
      const orphan = aCategory({ parentId: randomUUID() });
      await expect(save(orphan)).rejects.toThrow();
      expect(await h.repo.findById(null, orphan.id)).toBeNull();
    });

    it('update moves a category and renames it, keeping createdAt', async () => {
      const [p, q, c] = [aCategory(), aCategory(), aCategory()];
      await save(p, q);
      await save({ ...c, parentId: p.id });
      const moved: Category = { ...c, name: 'Renamed', slug: `renamed-${c.id}`, parentId: q.id, position: 7, updatedAt: T0 + 1000 };
      await h.uow.run((tx) => h.repo.update(tx, { ...moved, createdAt: 1 }));
      expect(await h.repo.findById(null, c.id)).toEqual(moved);
      await h.uow.run((tx) => h.repo.update(tx, { ...moved, parentId: null }));
      expect((await h.repo.findById(null, c.id))?.parentId).toBeNull();
    });

    it('listAll: every category, by position, then name, then id', async () => {
      const tag = randomUUID().slice(0, 8);
      const root = aCategory({ name: `${tag} root`, position: -1000 });
      const kids = [
        aCategory({ name: `${tag} b`, parentId: root.id, position: 2 }),
        aCategory({ name: `${tag} a`, parentId: root.id, position: 2 }),
        aCategory({ name: `${tag} z`, parentId: root.id, position: 1 }),
      ];
      await save(root, ...kids);
      const mine = (await h.repo.listAll(null)).filter((c) => c.name.startsWith(tag));
      expect(mine.map((c) => c.name)).toEqual([`${tag} root`, `${tag} z`, `${tag} a`, `${tag} b`]);
    });
  });
}
