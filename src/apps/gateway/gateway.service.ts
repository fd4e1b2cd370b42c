import { HttpCustomerClient } from '../../clients/http-customer.client.js';
import { HttpInventoryClient } from '../../clients/http-inventory.client.js';
import { HttpNotificationClient } from '../../clients/http-notification.client.js';
import { HttpOrderClient } from '../../clients/http-order.client.js';
import { HttpPaymentClient } from '../../clients/http-payment.client.js';
import { listen, type RunningServer } from '../../shared/infrastructure/http/server.js';
import { createLogger } from '../../shared/infrastructure/logger.js';
import { loadCodecKeyring } from '../../shared/infrastructure/temporal/codec-keys.js';
import { temporalDataConverter } from '../../shared/infrastructure/temporal/data-converter.js';
import { provideDatabase } from '../../shared/infrastructure/persistence/provide-database.js';
import { createRealtimeAdapter } from '../../shared/infrastructure/realtime/realtime-adapter.js';
import { ensureEventsDatabase } from '../../shared/infrastructure/realtime/realtime-emitter.js';
import { createWorkerBreakersTable } from '../../shared/infrastructure/realtime/worker-breakers.table.js';
import { AccessTokens } from './auth/access-tokens.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { currentStanding, RoleResolver } from './auth/roles.js';
import { CatalogCache, followStockChanges } from './catalog-cache.js';
import { createGatewayApp, type GatewayHttp } from './gateway.app.js';
import { INSECURE_DEV_JWT_SECRET, idempotencyHmacKey, loadGatewayConfig } from './gateway.config.js';
import { createLimitStore } from './http/rate-limit.js';
import { OrderWorkflows } from './order-workflows.js';
import { createRealtimeServer, type RealtimeServer } from './realtime/socket-server.js';

/** The catalog cache's bound on staleness, and how often it asks inventory whether stock moved. */
const CATALOG_MAX_AGE_MS = 1_000;
const STOCK_POLL_INTERVAL_MS = 200;

/** How long start-up waits for the socket.io adapter to LISTEN on the events database. */
const BUS_READY_TIMEOUT_MS = 15_000;

export interface RunningGateway extends Pick<GatewayHttp, 'router' | 'routes' | 'document'> {
  url: string;
  http: RunningServer;
  realtime: RealtimeServer;
  stop(): Promise<void>;
}

/**
 * Composition root of the gateway: clients of the contracts, the Temporal client, auth, rate
 * limits, the HTTP app and socket.io on one server.
 */
export async function startGateway(env: NodeJS.ProcessEnv = process.env): Promise<RunningGateway> {
  const config = loadGatewayConfig(env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  if (config.JWT_SECRET === INSECURE_DEV_JWT_SECRET) {
    logger.warn('JWT_SECRET is not set: tokens are signed with the public development secret (refused with NODE_ENV=production)');
  }

  // Everything opened so far, closed in reverse on a failed start or on stop.
  const opened: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of opened.reverse()) await close().catch((error) => logger.warn({ err: error }, 'close failed during shutdown'));
    opened.length = 0;
  };
  try {
    const timeoutMs = config.HTTP_CLIENT_TIMEOUT_MS;
    const temporal = await OrderWorkflows.connect({
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      dataConverter: temporalDataConverter(loadCodecKeyring(config).keyring),
      requestHashKey: idempotencyHmacKey(config),
    });
    opened.push(() => temporal.close());

    const eventsDatabase = await provideDatabase('sagashop_events', config.EVENTS_DATABASE_URL, 'EVENTS_DATABASE_URL', logger);
    opened.push(() => eventsDatabase.release());
    await ensureEventsDatabase(eventsDatabase.url);
    const bus = createRealtimeAdapter(eventsDatabase.url, logger.child({ component: 'realtime' }));
    opened.push(() => bus.close());

    // The workers' breakers, as they report them into the events database (operator console).
    const workerBreakers = createWorkerBreakersTable(eventsDatabase.url, logger.child({ component: 'breakers' }));
    opened.push(() => workerBreakers.close());
    await workerBreakers.ensure();

    const limitStore = createLimitStore(config.REDIS_URL, logger.child({ component: 'rate-limit' }));
    opened.push(() => limitStore.close());

    const tokens = new AccessTokens(config.JWT_SECRET, config.JWT_TTL);
    const inventory = new HttpInventoryClient({ baseUrl: config.INVENTORY_URL, timeoutMs });
    // Catalog reads for a sale: at most a second old, dropped at once when inventory says stock moved.
    const catalog = new CatalogCache(inventory, { maxAgeMs: CATALOG_MAX_AGE_MS });
    opened.push(followStockChanges(catalog, { inventoryUrl: config.INVENTORY_URL, intervalMs: STOCK_POLL_INTERVAL_MS }));
    const customers = new HttpCustomerClient({ baseUrl: config.CUSTOMER_URL, timeoutMs });
    const roles = new RoleResolver(config.OPERATOR_EMAILS);
    const gateway = createGatewayApp(
      {
        customers,
        inventory,
        catalog,
        orders: new HttpOrderClient({ baseUrl: config.ORDER_URL, timeoutMs }),
        payments: new HttpPaymentClient({ baseUrl: config.PAYMENT_URL, timeoutMs }),
        notifications: new HttpNotificationClient({ baseUrl: config.NOTIFICATION_URL, timeoutMs }),
        workflows: temporal.workflows,
        tokens,
        passwords: new PasswordHasher(),
        roles,
        breakers: { recent: (withinMs) => workerBreakers.recent(config.TEMPORAL_TASK_QUEUE, withinMs) },
      },
      // Ready = this gateway hears the event bus (a socket here would otherwise miss pushes).
      { config, logger, limitStore, ready: () => Promise.resolve(bus.isListening()) },
    );

    const http = await listen(gateway.app, config.GATEWAY_PORT, config.HOST);
    let httpOpen = true;
    opened.push(async () => {
      if (httpOpen) await http.close();
    });
    const realtime = createRealtimeServer(http.server, {
      adapter: bus,
      tokens,
      standing: currentStanding(customers, roles),
      operatorRecheckMs: config.OPERATOR_SOCKET_RECHECK_MS,
      socketsPerCustomer: config.SOCKETS_PER_CUSTOMER_MAX,
      webOrigin: config.WEB_ORIGIN,
      logger: logger.child({ component: 'socket.io' }),
    });
    opened.push(async () => {
      // io.close() disconnects the sockets and closes the HTTP server (draining requests).
      httpOpen = false;
      await realtime.close();
    });
    // Not "listening" until events can reach our sockets: a client that connects right after
    // start-up must not miss the first push.
    await bus.listening(BUS_READY_TIMEOUT_MS);
    logger.info(
      { url: http.url, docs: `${http.url}/api/docs`, webOrigin: config.WEB_ORIGIN, rateLimitStore: limitStore.driver },
      'gateway listening',
    );

    return {
      url: http.url,
      http,
      realtime,
      router: gateway.router,
      routes: gateway.routes,
      document: gateway.document,
      stop: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
