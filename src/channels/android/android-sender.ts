import Client, { type HttpClient } from 'android-sms-gateway';
import { SendError, type SmsSender } from '../channel-types';
import { httpFailure } from '../http-failure';

/** An HTTP answer that was not 2xx, with its status (for the failure's decision). */
class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

async function call<T>(method: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new HttpStatusError(response.status);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The client library brings no HTTP client of its own: Node's fetch. */
const fetchClient: HttpClient = {
  get: (url, headers) => call('GET', url, undefined, headers),
  post: (url, body, headers) => call('POST', url, body, headers),
  put: (url, body, headers) => call('PUT', url, body, headers),
  patch: (url, body, headers) => call('PATCH', url, body, headers),
  delete: (url, headers) => call('DELETE', url, undefined, headers),
};

function requestFailure(error: unknown): SendError {
  const status = error instanceof HttpStatusError ? error.status : undefined;
  return httpFailure('The Android gateway', status, (error as Error).message, 'ANDROID_GATEWAY_LOGIN / ANDROID_GATEWAY_PASSWORD');
}

/**
 * An Android phone with a local SIM as the gateway ("SMS Gateway for Android", through its client
 * `android-sms-gateway`), in cloud mode (api.sms-gate.app) or local-server mode (the phone's own
 * address). One number per request: the phone sends them one by one anyway, and a message id per
 * number keeps its delivery webhooks unambiguous.
 */
export function createAndroidSender(options: { url: string; login: string; password: string }): SmsSender {
  const client = new Client(options.login, options.password, fetchClient, options.url.replace(/\/+$/, ''));
  return {
    provider: 'android',
    maxBatch: 1,
    async send(text, recipients) {
      return Promise.all(
        recipients.map(async (r) => {
          try {
            const state = await client.send({ message: text, phoneNumbers: [r.to] }, { skipPhoneValidation: true });
            const recipient = state.recipients?.[0];
            if (state.state === 'Failed' || recipient?.state === 'Failed') {
              return { messageId: r.messageId, ok: false as const, error: new SendError('android_failed', recipient?.error ?? 'the phone could not send it', false) };
            }
            return { messageId: r.messageId, ok: true as const, providerMessageId: state.id, providerStatus: state.state };
          } catch (error) {
            return { messageId: r.messageId, ok: false as const, error: requestFailure(error) };
          }
        }),
      );
    },
  };
}
