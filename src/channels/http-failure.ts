import { SendError } from './channel-types';

/**
 * The one reading of a provider request that failed at the HTTP level: no answer (network) and 429 /
 * 5xx are worth retrying; 401/403 are the credentials (named, so the operator knows which variables);
 * any other 4xx is a permanent refusal.
 */
export function httpFailure(provider: string, status: number | undefined, detail: string, credentials: string): SendError {
  if (status === undefined) return new SendError('network', `${provider} unreachable: ${detail}`, true);
  if (status === 401 || status === 403) return new SendError('auth', `${provider} rejected the credentials (${credentials})`, false);
  if (status === 429 || status >= 500) return new SendError(`http_${status}`, `${provider} answered HTTP ${status}`, true);
  return new SendError(`http_${status}`, `${provider} answered HTTP ${status}`, false);
}
