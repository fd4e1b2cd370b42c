import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import { RemoteServiceError, RemoteServiceUnavailable } from '../../../shared/infrastructure/http/json-client.js';

/**
 * Calls a context service. Its coded errors keep their status and code (the public API shows
 * the same codes); an unreachable service is a 503 with Retry-After, not a 500.
 */
export async function downstream<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RemoteServiceError) throw new HttpError(error.status, error.code, error.message, error.details);
    if (error instanceof RemoteServiceUnavailable) {
      throw new HttpError(503, 'SERVICE_UNAVAILABLE', `${error.service} is unavailable right now`, undefined, { 'Retry-After': '5' });
    }
    throw error;
  }
}

/** undefined for a 404 of the downstream, its other errors as downstream() maps them. */
export async function downstreamOrMissing<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await downstream(call);
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return undefined;
    throw error;
  }
}
