// The use cases around the marketplace (organisations, categories, promo codes, reviews, favorites, the actor), kept
// apart from createUseCases only to keep each file short: they share no service but the change recorder.
import {
  AddFavoriteUseCase,
  AddMemberUseCase,
  ChangeMemberRoleUseCase,
  CreateCategoryUseCase,
  CreateOrganizationUseCase,
  CreatePromoCodeUseCase,
  CreateReviewUseCase,
  GetCategoryUseCase,
  GetOrganizationUseCase,
  GetPromoCodeUseCase,
  ListCategoriesUseCase,
  ListFavoritesUseCase,
  ListMembersUseCase,
  ListOrganizationsUseCase,
  ListPromoCodesUseCase,
  ListReviewsUseCase,
  ModerateReviewUseCase,
  RemoveFavoriteUseCase,
  RemoveMemberUseCase,
  ReplyToReviewUseCase,
  ResolveActorUseCase,
  UpdateCategoryUseCase,
  UpdateOrganizationUseCase,
  UpdatePromoCodeUseCase,
  UpdateReviewUseCase,
  ValidatePromoCodeUseCase,
  VoteHelpfulUseCase,
  type ChangeRecorder,
  type Clock,
  type IdGenerator,
} from '@aquastream/application';
import type { Storage } from './storage.js';

export function createEngagementUseCases(storage: Storage, services: { readonly clock: Clock; readonly ids: IdGenerator; readonly recorder: ChangeRecorder }) {
  const { uow, events, bookings, organizations, categories, promoCodes, reviews, favorites } = storage;
  const { clock, ids, recorder } = services;
  return {
    access: {
      resolveActor: new ResolveActorUseCase(organizations),
    },
    organizations: {
      create: new CreateOrganizationUseCase(uow, organizations, ids, clock),
      get: new GetOrganizationUseCase(organizations),
      list: new ListOrganizationsUseCase(organizations),
      update: new UpdateOrganizationUseCase(uow, organizations),
      addMember: new AddMemberUseCase(uow, organizations, clock),
      listMembers: new ListMembersUseCase(organizations),
      changeMemberRole: new ChangeMemberRoleUseCase(uow, organizations),
      removeMember: new RemoveMemberUseCase(uow, organizations),
    },
    categories: {
      create: new CreateCategoryUseCase(uow, categories, ids, clock),
      update: new UpdateCategoryUseCase(uow, categories, clock),
      list: new ListCategoriesUseCase(categories),
      get: new GetCategoryUseCase(categories),
    },
    promoCodes: {
      create: new CreatePromoCodeUseCase(uow, promoCodes, events, organizations, ids, clock),
      update: new UpdatePromoCodeUseCase(uow, promoCodes, events),
      get: new GetPromoCodeUseCase(promoCodes),
      list: new ListPromoCodesUseCase(promoCodes),
      validate: new ValidatePromoCodeUseCase(events, promoCodes, clock),
    },
    reviews: {
      create: new CreateReviewUseCase(uow, reviews, events, bookings, organizations, recorder, ids, clock),
      update: new UpdateReviewUseCase(uow, reviews, events, organizations, clock),
      list: new ListReviewsUseCase(reviews, events),
      reply: new ReplyToReviewUseCase(uow, reviews, events, ids, clock),
      voteHelpful: new VoteHelpfulUseCase(uow, reviews, clock),
      moderate: new ModerateReviewUseCase(uow, reviews, events, clock),
    },
    favorites: {
      add: new AddFavoriteUseCase(uow, favorites, events, clock),
      remove: new RemoveFavoriteUseCase(uow, favorites),
      list: new ListFavoritesUseCase(favorites, events),
    },
  };
}
