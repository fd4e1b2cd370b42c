import { HttpInventoryClient } from '../../clients/http-inventory.client.js';
import { HttpOrderClient } from '../../clients/http-order.client.js';
import { parseConfig } from '../../shared/infrastructure/config.js';
import { createHttpApp } from '../../shared/infrastructure/http/app.js';
import { listen, type RunningServer } from '../../shared/infrastructure/http/server.js';
import { createLogger } from '../../shared/infrastructure/logger.js';
import { gatewayConfigSchema } from './gateway.config.js';
import { gatewayRoutes } from './gateway.routes.js';
import { OrderWorkflows } from './order-workflows.js';

export interface RunningGateway {
  url: string;
  http: RunningServer;
  stop(): Promise<void>;
}

/** Composition root of the gateway: clients of the contracts plus the Temporal client. */
export async function startGateway(env: NodeJS.ProcessEnv = process.env): Promise<RunningGateway> {
  const config = parseConfig(gatewayConfigSchema, env);
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const timeoutMs = config.HTTP_CLIENT_TIMEOUT_MS;
  const temporal = await OrderWorkflows.connect(
    config.TEMPORAL_ADDRESS,
    config.TEMPORAL_NAMESPACE,
    config.TEMPORAL_TASK_QUEUE,
    config.SAGA_POLICY_JSON,
  );
  const inventory = new HttpInventoryClient({ baseUrl: config.INVENTORY_URL, timeoutMs });
  const orders = new HttpOrderClient({ baseUrl: config.ORDER_URL, timeoutMs });
  const app = createHttpApp({
    logger,
    routers: [gatewayRoutes({ inventory, orders, workflows: temporal.workflows })],
    ready: async () => true,
  });
  const http = await listen(app, config.GATEWAY_PORT, config.HOST);
  logger.info({ url: http.url }, 'gateway listening');
  return {
    url: http.url,
    http,
    async stop() {
      await http.close();
      await temporal.close();
    },
  };
}
