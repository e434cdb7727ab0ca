/** One dependency the service needs (database, broker, …), as seen by `/health/ready`. */
export interface HealthCheck {
  readonly name: string;
  /** A dependency that is not required (say, an optional broker) reports but never makes the service unready. */
  readonly required: boolean;
  /** Resolves when the dependency answers; rejects with the reason when it does not. */
  probe(): Promise<void>;
}
