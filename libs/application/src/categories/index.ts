export { categoryForest, toCategoryView, wouldCycle, type CategoryNode, type CategoryView } from './category.view.js';
export { CreateCategoryUseCase, type CreateCategoryRequest } from './create-category.use-case.js';
export { UpdateCategoryUseCase, type UpdateCategoryRequest } from './update-category.use-case.js';
export { ListCategoriesUseCase } from './list-categories.use-case.js';
export { GetCategoryUseCase } from './get-category.use-case.js';
