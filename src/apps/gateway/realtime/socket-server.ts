import type http from 'node:http';
import { Server, type Socket } from 'socket.io';
import { HttpError } from '../../../shared/infrastructure/http/errors.js';
import type { Logger } from '../../../shared/infrastructure/logger.js';
import type { RealtimeAdapter } from '../../../shared/infrastructure/realtime/realtime-adapter.js';
import { customerRoom, OPERATOR_ROOM } from '../../../shared/infrastructure/realtime/realtime.contract.js';
import { AUTH_ERRORS, type AccessTokens, type TokenRole } from '../auth/access-tokens.js';
import { roleNow, type CurrentStanding } from '../auth/roles.js';
import { socketConnections, socketConnectionsTotal, socketEventsPushed } from '../../../shared/infrastructure/observability/metrics.js';

export const SOCKET_IO_PATH = '/socket.io';

/** How often an operator socket's role is checked again: a revoked one leaves the operator room within this. */
export const OPERATOR_RECHECK_MS = 10_000;

/** Sockets one customer may hold on one gateway process: plenty of tabs, not a flood. */
export const SOCKETS_PER_CUSTOMER_MAX = 20;

/** The handshake refusal when a customer already holds SOCKETS_PER_CUSTOMER_MAX sockets here. */
export const SOCKET_ERRORS = { TOO_MANY: 'SOCKET.TOO_MANY' } as const;

export interface SocketData {
  customerId: string;
  roles: readonly TokenRole[];
  /** In the operator room: the token carries the role and the customer holds it now. */
  operator: boolean;
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
  options: {
    adapter: RealtimeAdapter;
    tokens: AccessTokens;
    /** The customer's standing now: the operator room is joined, and kept, only while the role is held. */
    standing: CurrentStanding;
    webOrigin: string;
    logger: Logger;
    /** How often an operator socket's role is checked again (default OPERATOR_RECHECK_MS). */
    operatorRecheckMs?: number;
    /** Sockets one customer may hold on this process (default SOCKETS_PER_CUSTOMER_MAX). */
    socketsPerCustomer?: number;
  },
): RealtimeServer {
  const { tokens, logger, standing } = options;
  const operatorRecheckMs = options.operatorRecheckMs ?? OPERATOR_RECHECK_MS;
  const socketsPerCustomer = options.socketsPerCustomer ?? SOCKETS_PER_CUSTOMER_MAX;
  // This process's sockets per customer: one token must not open thousands (memory, pushes fanned out to each).
  const held = new Map<string, number>();
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

  // One message for every refusal (as docs/api.md promises); the reason stays in our log.
  const refuse = (reason: string) => {
    logger.debug({ reason }, 'socket handshake refused');
    return new Error(AUTH_ERRORS.UNAUTHENTICATED);
  };
  const admit = async (socket: Socket<never, never, never, SocketData>) => {
    let principal: ReturnType<AccessTokens['verify']>;
    try {
      principal = tokens.verify((socket.handshake.auth as { token?: unknown } | undefined)?.token);
    } catch (error) {
      throw refuse(error instanceof HttpError ? error.code : 'unexpected');
    }
    socket.data.customerId = principal.customerId;
    socket.data.roles = principal.roles;
    socket.data.operator = false;
    if (principal.roles.includes('operator')) {
      // Decided before the client hears `connect`, so the room is joined before it can act.
      const now = await operatorStanding(standing, principal.customerId, logger);
      if (now === 'inactive' || now === 'no-customer') throw refuse(AUTH_ERRORS.ACCOUNT_DISABLED);
      socket.data.operator = now === 'holds';
    }
    const holding = held.get(principal.customerId) ?? 0;
    if (holding >= socketsPerCustomer) {
      logger.warn({ customerId: principal.customerId, holding }, 'socket refused: too many sockets for one customer');
      throw new Error(SOCKET_ERRORS.TOO_MANY);
    }
    // Counted from here, released once: when the socket disconnects, or when its connection closes
    // before socket.io connected it (a client gone during the handshake never disconnects).
    held.set(principal.customerId, holding + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (held.get(principal.customerId) ?? 1) - 1;
      if (left > 0) held.set(principal.customerId, left);
      else held.delete(principal.customerId);
    };
    socket.once('disconnect', release);
    socket.conn.once('close', release);
    expireWithToken(socket, principal.expiresAt);
  };
  io.use((socket, next) => {
    admit(socket).then(
      () => next(),
      (error: unknown) => next(error instanceof Error ? error : refuse('unexpected')),
    );
  });

  io.on('connection', (socket) => {
    void socket.join(customerRoom(socket.data.customerId));
    // Only a token with the role, of a customer who still holds it, joins the operator room (every
    // order's progress, the breakers); checked again every operatorRecheckMs while connected.
    if (socket.data.operator) void socket.join(OPERATOR_ROOM);
    if (socket.data.roles.includes('operator')) followOperatorStanding(socket, standing, operatorRecheckMs, logger);
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

/** roleNow() for the operator role; 'unknown' when the customer service cannot answer (decided at the next check). */
async function operatorStanding(
  standing: CurrentStanding,
  customerId: string,
  logger: Logger,
): Promise<'holds' | 'lacks' | 'inactive' | 'no-customer' | 'unknown'> {
  try {
    return await roleNow(standing, customerId, 'operator');
  } catch (error) {
    logger.warn({ err: error, customerId }, 'could not check an operator socket; decided at the next check');
    return 'unknown';
  }
}

/**
 * Keeps an operator token's socket in the operator room only while the customer holds the role: a
 * revoked role leaves the room, a deactivated account is disconnected. When the customer service
 * cannot answer, the socket stays as it is until the next check (a push is not an action).
 */
function followOperatorStanding(socket: Socket, standing: CurrentStanding, everyMs: number, logger: Logger): void {
  const customerId = (socket.data as SocketData).customerId;
  const timer = setInterval(() => {
    void operatorStanding(standing, customerId, logger)
      .then(async (now) => {
        if (now === 'inactive' || now === 'no-customer') socket.disconnect(true);
        else if (now === 'holds') await socket.join(OPERATOR_ROOM);
        else if (now === 'lacks' && socket.rooms.has(OPERATOR_ROOM)) {
          logger.info({ customerId, socketId: socket.id }, 'operator role revoked: socket left the operator room');
          await socket.leave(OPERATOR_ROOM);
        }
      })
      .catch((error: unknown) => logger.warn({ err: error, customerId }, 'could not move an operator socket between rooms'));
  }, everyMs);
  timer.unref();
  socket.once('disconnect', () => clearInterval(timer));
}
