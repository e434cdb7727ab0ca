export { toEventSummary, type EventSummaryView, type FavoriteView } from './favorite.view.js';
export { AddFavoriteUseCase, type FavoriteChange } from './add-favorite.use-case.js';
export { RemoveFavoriteUseCase } from './remove-favorite.use-case.js';
export { ListFavoritesUseCase } from './list-favorites.use-case.js';
