import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import type { Logger } from '../../../shared/infrastructure/logger.js';
import type { RealtimeAdapter } from '../../../shared/infrastructure/realtime/realtime-adapter.js';
import { customerRoom, OPERATOR_ROOM } from '../../../shared/infrastructure/realtime/realtime.contract.js';
import { AUTH_ERRORS, type AccessTokens, type TokenRole } from '../auth/access-tokens.js';
import { socketConnections, socketConnectionsTotal, socketEventsPushed } from '../../../shared/infrastructure/observability/metrics.js';

export const SOCKET_IO_PATH = '/socket.io';

export interface SocketData {
  customerId: string;
  roles: readonly TokenRole[];
}

export interface RealtimeServer {
  readonly io: Server;
  /** Disconnects every socket, stops the adapter and closes the HTTP server it is attached to. */
  close(): Promise<void>;
}

/**
 * socket.io on the gateway's HTTP server. The handshake carries the access token
 * (`auth: { token }`), checked exactly as on HTTP; a socket joins only its customer's room. Events
 * come from the producers (worker, notification service) through the Postgres adapter, so a
 * customer's socket gets them whichever gateway holds it. Clients never send anything.
 */
export function createRealtimeServer(
  server: http.Server,
  options: { adapter: RealtimeAdapter; tokens: AccessTokens; webOrigin: string; logger: Logger },
): RealtimeServer {
  const { tokens, logger } = options;
  const io = new Server<Record<string, never>, Record<string, (...args: unknown[]) => void>, Record<string, never>, SocketData>(server, {
    path: SOCKET_IO_PATH,
    adapter: options.adapter.adapter,
    serveClient: false,
    // Tokens travel in the handshake payload, not in cookies, so no cross-site socket can borrow
    // a session; CORS only matters for the polling transport from the dev server's origin.
    cors: { origin: options.webOrigin, methods: ['GET', 'POST'] },
    // Clients only listen; a big frame from one is not something we need to read.
    maxHttpBufferSize: 16 * 1024,
  });

  io.use((socket, next) => {
    try {
      const principal = tokens.verify((socket.handshake.auth as { token?: unknown } | undefined)?.token);
      socket.data.customerId = principal.customerId;
      socket.data.roles = principal.roles;
      expireWithToken(socket, principal.expiresAt);
      next();
    } catch (error) {
      const reason = error instanceof HttpError ? error.code : 'unexpected';
      logger.debug({ reason }, 'socket handshake refused');
      // One message for every refusal (as docs/api.md promises); the reason stays in our log.
      next(new Error(AUTH_ERRORS.UNAUTHENTICATED));
    }
  });

  io.on('connection', (socket) => {
    void socket.join(customerRoom(socket.data.customerId));
    // Only a token with the role joins the operator room (every order's progress, the breakers).
    if (socket.data.roles.includes('operator')) void socket.join(OPERATOR_ROOM);
    socketConnectionsTotal.inc();
    socketConnections.inc();
    socket.once('disconnect', () => socketConnections.dec());
    // Every event this socket is sent (room broadcasts from the event bus included).
    socket.onAnyOutgoing((event: string) => socketEventsPushed.inc({ event }));
    logger.debug({ customerId: socket.data.customerId, socketId: socket.id }, 'socket connected');
  });

  return {
    io,
    close: () => io.close(),
  };
}

/** A socket may not outlive its token: at expiry it is closed, and the client must log in again. */
function expireWithToken(socket: Socket, expiresAt: Date): void {
  const timer = setTimeout(() => socket.disconnect(true), Math.max(0, expiresAt.getTime() - Date.now()));
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
}
