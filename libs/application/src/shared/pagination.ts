/** A page request as the API takes it (`?page=1&size=20`, size ≤ 100); validated at the edge. */
export type PageRequest = { readonly page: number; readonly size: number };

/** The list shape of the contract: `{ data, page, size, totalElements, totalPages }`. */
export type Page<T> = {
  readonly data: readonly T[];
  readonly page: number;
  readonly size: number;
  readonly totalElements: number;
  readonly totalPages: number;
};

export const MAX_PAGE_SIZE = 100;

export function pageOf<T>(data: readonly T[], total: number, req: PageRequest): Page<T> {
  return { data, page: req.page, size: req.size, totalElements: total, totalPages: Math.ceil(total / req.size) };
}

/** Row offset of a 1-based page. */
export const offsetOf = (req: PageRequest): number => (req.page - 1) * req.size;
