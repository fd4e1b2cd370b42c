/**
 * The API's one error shape, `{ error: { code, message, details } }`, turned into something a form
 * can show: a message per field (from 400 `details.issues[].path`) and one for the whole form.
 */
import type { ErrorEnvelope } from './api-types.js';

export type FieldErrors = Record<string, string>;

export interface ValidationIssue {
  path: string;
  code?: string;
  message: string;
}

export const NETWORK_ERROR_CODE = 'NETWORK.UNREACHABLE';

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Seconds from a Retry-After header, when there was one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The shop cannot be reached, or answered that it is down: show the banner, offer a retry. */
  get isUnavailable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }

  get isValidation(): boolean {
    return this.status === 400 && this.issues.length > 0;
  }

  get issues(): ValidationIssue[] {
    const raw = this.details.issues;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((issue): ValidationIssue[] => {
      if (!issue || typeof issue !== 'object') return [];
      const { path, code, message } = issue as Record<string, unknown>;
      if (typeof message !== 'string') return [];
      return [{ path: typeof path === 'string' ? path : '', code: typeof code === 'string' ? code : undefined, message }];
    });
  }

  /** Messages keyed by field path without the request part: `body.lines.0.quantity` -> `lines.0.quantity`. */
  get fieldErrors(): FieldErrors {
    return fieldErrorsFrom(this);
  }
}

export function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (!body || typeof body !== 'object') return false;
  const error = (body as { error?: unknown }).error;
  return !!error && typeof error === 'object' && typeof (error as { code?: unknown }).code === 'string';
}

/** Builds the ApiError for a non-2xx answer, whatever its body looked like. */
export function apiErrorFromResponse(status: number, body: unknown, retryAfter?: string | null): ApiError {
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  if (isErrorEnvelope(body)) {
    const { code, message, details } = body.error;
    return new ApiError(status, code, message || defaultMessage(status), details ?? {}, retryAfterSeconds);
  }
  return new ApiError(status, `HTTP_${status}`, defaultMessage(status), {}, retryAfterSeconds);
}

export function networkError(cause?: unknown): ApiError {
  const error = new ApiError(0, NETWORK_ERROR_CODE, 'We could not reach the shop. Check your connection and try again.');
  if (cause !== undefined) (error as { cause?: unknown }).cause = cause;
  return error;
}

function parseRetryAfter(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return undefined;
}

function defaultMessage(status: number): string {
  if (status === 401) return 'Please log in again.';
  if (status === 403) return 'You are not allowed to do that.';
  if (status === 404) return 'We could not find that.';
  if (status === 429) return 'Too many requests. Please wait a moment and try again.';
  if (status >= 500) return 'The shop is having trouble right now. Please try again in a moment.';
  return 'Something went wrong. Please try again.';
}

/** Error codes that belong to one field even though the API reports them for the whole request. */
const CODE_FIELDS: Record<string, string> = {
  'CUSTOMER.EMAIL_TAKEN': 'email',
  'PAYMENT.CARD_DECLINED': 'cardNumber',
};

const FRIENDLY_MESSAGES: Record<string, string> = {
  'CUSTOMER.EMAIL_TAKEN': 'An account with this email already exists. Log in instead?',
  'AUTH.INVALID_CREDENTIALS': 'Email or password is not right.',
  'AUTH.ACCOUNT_DISABLED': 'This account has been deactivated.',
  'AUTH.TOKEN_EXPIRED': 'Your session has expired. Please log in again.',
  SERVICE_UNAVAILABLE: 'Part of the shop is unavailable right now. Please try again in a moment.',
};

export function fieldErrorsFrom(error: ApiError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = fieldKey(issue.path);
    // The first message per field is the one people need; the rest usually repeat it.
    if (!(key in fields)) fields[key] = capitalise(issue.message);
  }
  const field = CODE_FIELDS[error.code];
  if (field && !(field in fields)) fields[field] = friendlyMessage(error);
  return fields;
}

/** `body.lines.0.quantity` -> `lines.0.quantity`; an empty path is the form itself (`_form`). */
export function fieldKey(path: string): string {
  const key = path.replace(/^(body|query|params|headers)(\.|$)/, '');
  return key === '' ? '_form' : key;
}

export function friendlyMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const friendly = FRIENDLY_MESSAGES[error.code];
    if (friendly) return friendly;
    if (error.status === 429 && error.retryAfterSeconds !== undefined) {
      return `Too many attempts. Please try again in ${error.retryAfterSeconds} s.`;
    }
    if (error.isValidation) return 'Please check the highlighted fields.';
    return error.message;
  }
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

function capitalise(text: string): string {
  return text.length > 0 ? text[0].toUpperCase() + text.slice(1) : text;
}
