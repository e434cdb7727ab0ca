export { reviewView, reviewViews, toReviewView, type ReviewReplyView, type ReviewView } from './review.view.js';
export { CreateReviewUseCase, type CreateReviewRequest } from './create-review.use-case.js';
export { UpdateReviewUseCase, type UpdateReviewRequest } from './update-review.use-case.js';
export { ListReviewsUseCase, type ListReviewsRequest, type ReviewPage } from './list-reviews.use-case.js';
export { ReplyToReviewUseCase } from './reply-to-review.use-case.js';
export { VoteHelpfulUseCase } from './vote-helpful.use-case.js';
export { ModerateReviewUseCase } from './moderate-review.use-case.js';
