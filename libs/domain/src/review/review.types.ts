import type { Instant } from '../shared/time.js';

export type ReviewStatus = 'ACTIVE' | 'PENDING' | 'REJECTED';

export type Review = {
  readonly id: string;
  readonly eventId: string;
  readonly userId: string;
  readonly rating: number;
  readonly content: string;
  readonly status: ReviewStatus;
  readonly helpfulCount: number;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
};
