import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { DomainErrorKind } from '../../kernel/domain-error.js';

/** The one place where an error kind becomes an HTTP status. */
export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  not_found: 404,
  conflict: 409,
  business_rule: 422,
};

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown };
}

/** Errors that belong to the transport, not to any domain (bad JSON, unknown route, body too large). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * What Node's parser refuses before Koa sees a request, by error code; anything else is a 400.
 * Node's own answers have these statuses too, but no body: ours carry the usual envelope.
 */
const PARSER_REFUSALS: Record<string, { status: number; code: string; message: string }> = {
  // RFC 9110 §9.1: a method the server does not recognize is 501. Only the request line was read,
  // so which resource was meant is unknown and no 405 + Allow can be given.
  HPE_INVALID_METHOD: { status: 501, code: 'HTTP.NOT_IMPLEMENTED', message: 'Request method is not implemented' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'HTTP.HEADERS_TOO_LARGE', message: 'Request headers are too large' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: 'HTTP.PAYLOAD_TOO_LARGE', message: 'Request chunk extensions are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'HTTP.REQUEST_TIMEOUT', message: 'Request was not received in time' },
};
const BAD_REQUEST = { status: 400, code: 'HTTP.BAD_REQUEST', message: 'Malformed HTTP request' };

/** For `server.on('clientError')`: the envelope instead of Node's bare 400, then the socket is closed. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // A reset or closed peer has nobody left to read an answer (as in Node's default handler).
  // So is one whose pipelined answer is already half written: more bytes would only garble it. Node's
  // default makes the same check on the same (internal) field; if it ever goes, we answer anyway.
  const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const { status, code, message } = PARSER_REFUSALS[error.code ?? ''] ?? BAD_REQUEST;
  writeRawError(socket, status, { error: { code, message } });
}

/** For `server.on('connect')`: CONNECT asks for a tunnel, and no service here is a proxy. */
export function refuseConnect(_request: IncomingMessage, socket: Duplex): void {
  writeRawError(socket, 501, { error: { code: 'HTTP.NOT_IMPLEMENTED', message: 'CONNECT is not implemented (not a proxy)' } });
}

/** An answer written straight to the socket, outside Koa (no request was routed), then close. */
function writeRawError(socket: Duplex, status: number, envelope: ErrorEnvelope): void {
  const body = JSON.stringify(envelope);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
    // Once written, nothing more is read from this socket: do not wait for the peer to close it.
    () => socket.destroy(),
  );
}
