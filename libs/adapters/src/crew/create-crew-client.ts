import type { CrewClient } from '@aquastream/application';
import type { AppConfig } from '../config/config.js';
import { FakeCrewClient } from '../memory/crew-client.fake.js';
import { HttpCrewClient, type CircuitStatus } from './http-crew-client.js';

/**
 * The crew client every composition root uses: the HTTP client when `CREW_SERVICE_URL` is set; otherwise the fake,
 * which assigns a crew at once — the embedded default, so that `npm start` needs no crew service.
 */
export function createCrewClient(
  config: Pick<AppConfig, 'crewServiceUrl' | 'crewServiceToken' | 'crewTimeoutMs' | 'crewRetryAttempts'> &
    Partial<Pick<AppConfig, 'crewBreakerThreshold' | 'crewHalfOpenAfterMs'>>,
  hooks: { readonly onCircuitChange?: (state: CircuitStatus) => void } = {},
): CrewClient {
  if (config.crewServiceUrl === null) return new FakeCrewClient();
  return new HttpCrewClient({
    baseUrl: config.crewServiceUrl,
    serviceToken: config.crewServiceToken,
    timeoutMs: config.crewTimeoutMs,
    retries: config.crewRetryAttempts,
    ...(config.crewBreakerThreshold === undefined ? {} : { breakerThreshold: config.crewBreakerThreshold }),
    ...(config.crewHalfOpenAfterMs === undefined ? {} : { halfOpenAfterMs: config.crewHalfOpenAfterMs }),
    ...(hooks.onCircuitChange === undefined ? {} : { onCircuitChange: hooks.onCircuitChange }),
  });
}
