/**
 * The one registry of Glossa's error codes. Every failure that reaches a user — an HTTP response
 * or a CLI message — carries one of these stable codes, mapped here once to an HTTP status and a
 * CLI exit code. `docs/errors.md` documents each code; a unit test checks that it does.
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, exit: 2, summary: 'The request is malformed (invalid JSON, wrong field types, bad query parameter).' },
  TEXT_EMPTY: { status: 400, exit: 2, summary: 'The text is missing, or empty after trimming.' },
  TEXT_TOO_LONG: { status: 413, exit: 2, summary: 'The text is longer than the limit (100 000 characters).' },
  BODY_TOO_LARGE: { status: 413, exit: 2, summary: 'The request body is larger than the limit.' },
  BATCH_TOO_LARGE: { status: 413, exit: 2, summary: 'A batch request has more texts than the limit (1 000).' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, exit: 2, summary: 'The body is not application/json.' },
  NOT_FOUND: { status: 404, exit: 1, summary: 'No prediction (or route) with this id.' },
  UNKNOWN_LANGUAGE: { status: 422, exit: 2, summary: 'The language code is not one of the model\'s languages.' },
  QUEUE_FULL: { status: 503, exit: 1, summary: 'The broker refused the request because the queue is full; retry after Retry-After seconds.' },
  BROKER_UNAVAILABLE: { status: 503, exit: 1, summary: 'The message broker cannot be reached.' },
  STORE_UNAVAILABLE: { status: 503, exit: 1, summary: 'The database cannot be reached.' },
  EXPLAIN_UNAVAILABLE: { status: 503, exit: 1, summary: 'No explanation: this API process has no model loaded, or the model failed to explain.' },
  UNAUTHORIZED: { status: 401, exit: 2, summary: 'An admin route was called without a valid token.' },
  MODEL_INCOMPATIBLE: { status: 500, exit: 1, summary: 'The model artifact\'s format version is not one this code can read.' },
  MODEL_NOT_FOUND: { status: 500, exit: 1, summary: 'No model artifact at the given path.' },
  CORPUS_INVALID: { status: 400, exit: 2, summary: 'A corpus or data file is malformed (bad JSONL/CSV line, missing field).' },
  SOURCE_UNAVAILABLE: { status: 503, exit: 1, summary: 'An online corpus source (Wikipedia) cannot be reached or answered with an error.' },
  USAGE: { status: 400, exit: 2, summary: 'The command line is wrong (unknown flag, bad value).' },
  INTERNAL: { status: 500, exit: 1, summary: 'An unexpected error; the message says what failed.' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure with a stable code; anything else thrown is a bug (`INTERNAL`). */
export class GlossaError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'GlossaError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code].exit;
  }

  toJSON(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function isGlossaError(e: unknown): e is GlossaError {
  return e instanceof GlossaError;
}
