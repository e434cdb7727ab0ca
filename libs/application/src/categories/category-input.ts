import { err, ok, type Result } from '@aquastream/domain';
import { appError, type AppError } from '../errors.js';

export const CATEGORY_NAME_MAX_LENGTH = 120;

export function categoryName(raw: string): Result<string, AppError> {
  const name = raw.trim();
  if (name === '' || name.length > CATEGORY_NAME_MAX_LENGTH) {
    return err(appError('INVALID_REQUEST', `a category name is 1 to ${CATEGORY_NAME_MAX_LENGTH} characters`, { field: 'name' }));
  }
  return ok(name);
}

export function categoryPosition(raw: number | undefined, fallback: number): Result<number, AppError> {
  const position = raw ?? fallback;
  if (!Number.isSafeInteger(position)) return err(appError('INVALID_REQUEST', 'position is an integer', { field: 'position' }));
  return ok(position);
}
