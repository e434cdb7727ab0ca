import type { Actor } from '@aquastream/domain';

/** Who asks, and the correlation id that follows the request into logs, audit rows and messages. */
export type UseCaseContext = {
  readonly actor: Actor;
  readonly correlationId: string;
};
