// Russian is the product's other language: its letters get a readable Latin spelling instead of vanishing.
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'sch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

export const SLUG_MAX_LENGTH = 100;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const isValidSlug = (slug: string): boolean => slug.length <= SLUG_MAX_LENGTH && SLUG.test(slug);

/** A URL-safe slug from a name: lower-case Latin letters, digits and single hyphens; `fallback` when nothing is left. */
export function slugify(name: string, fallback: string): string {
  const latin = [...name.toLowerCase()].map((ch) => CYRILLIC[ch] ?? ch).join('');
  const slug = latin
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/g, '');
  return slug === '' ? fallback : slug;
}

const MAX_NUMBERED_TRIES = 20;

/**
 * The first of `base`, `base-2`, `base-3`, … that `isTaken` says is free; after a few tries a suffix from `uniquePart`
 * (an id) ends the search. A concurrent insert can still take the chosen slug first: the unique index refuses it.
 */
export async function freeSlug(base: string, uniquePart: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> {
  for (let n = 1; n <= MAX_NUMBERED_TRIES; n += 1) {
    const suffix = n === 1 ? '' : `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX_LENGTH - suffix.length).replace(/-+$/g, '')}${suffix}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  const tail = `-${uniquePart.replace(/[^a-z0-9]/gi, '').slice(-12).toLowerCase()}`;
  return `${base.slice(0, SLUG_MAX_LENGTH - tail.length).replace(/-+$/g, '')}${tail}`;
}
