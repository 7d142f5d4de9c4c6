import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Everything that could identify a reporter or unlock the gateway is censored before a log line is
 * written: phone numbers, message texts and tokens, under any of the names the providers use.
 */
const SENSITIVE_KEYS = [
  'phone', 'phoneNumber', 'from', 'From', 'to', 'To', 'text', 'Body', 'body', 'message',
  'token', 'authorization', 'apiKey', 'input', 'lastAppResponse', 'e164',
];
export const REDACT_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((key) => `*.${key}`),
  'req.headers.authorization',
  'req.headers["x-twilio-signature"]',
  'req.headers.cookie',
];

export type { Logger };

/**
 * A request's logger, asked for only when there is something to log: making a request-scoped child
 * logger costs about as much as a small database write, and most requests log nothing but their
 * access line.
 */
export type LogFor = () => Logger;

/** Anything that looks like a phone number (7 digits or more, spaces and dashes allowed). */
const NUMBER_LIKE = /\+?\d[\d\s-]{5,}\d/g;

/**
 * Errors keep what went wrong, as `reason` (and the stack), with anything number-like masked: the
 * redaction of `message` keys is for message texts, and an EADDRINUSE or a read-only database must
 * be readable in the log.
 */
function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const { message: _message, ...rest } = pino.stdSerializers.err(error) as unknown as Record<string, unknown> & { message: string; stack?: string };
  return {
    ...rest,
    reason: error.message.replace(NUMBER_LIKE, '[number]'),
    stack: typeof rest.stack === 'string' ? rest.stack.replace(NUMBER_LIKE, '[number]') : rest.stack,
  };
}

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, serializers: { err: serializeError } }, destination);
}

/**
 * The server's log: asynchronous writes to stdout (lines written while the event loop is busy go out
 * together in one write). main.ts flushes it on shutdown.
 */
export function createServerLogger(level: string): Logger {
  return createLogger(level, pino.destination({ dest: 1, sync: false }));
}

/** A URL fit for a log line: query values dropped, since `?token=` is a secret. */
export function redactUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const keys = url
    .slice(question + 1)
    .split('&')
    .map((pair) => pair.split('=')[0])
    .filter(Boolean);
  return `${url.slice(0, question)}?${keys.map((key) => `${key}=[redacted]`).join('&')}`;
}
