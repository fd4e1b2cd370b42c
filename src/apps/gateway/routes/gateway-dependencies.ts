import type { CustomerClient } from '../../../contexts/customer/contract.js';
import type { InventoryClient } from '../../../contexts/inventory/contract.js';
import type { NotificationClient } from '../../../contexts/notification/contract.js';
import type { OrderClient } from '../../../contexts/order/contract.js';
import type { PaymentClient } from '../../../contexts/payment/contract.js';
import type { AccessTokens } from '../auth/access-tokens.js';
import type { CatalogCache } from '../catalog-cache.js';
import type { PasswordHasher } from '../auth/password-hasher.js';
import type { RoleResolver } from '../auth/roles.js';
import type { WorkerBreakersEvent } from '../../../shared/infrastructure/realtime/realtime.contract.js';
import type { OrderWorkflows } from '../order-workflows.js';

/** The workers' breakers as they last reported them (worker_breakers in the events database). */
export interface WorkerBreakersReader {
  /** Workers of the gateway's task queue seen within `withinMs`. */
  recent(withinMs: number): Promise<WorkerBreakersEvent[]>;
}

/** What the public routes need: clients of the context contracts, Temporal, and the auth pieces. */
export interface GatewayDependencies {
  customers: CustomerClient;
  inventory: InventoryClient;
  /** The catalog reads (and the order form's sku check) through a short cache; without it, straight to inventory. */
  catalog?: CatalogCache;
  orders: OrderClient;
  /** Tokenizes the shopper's card: only the opaque token travels on to the saga. */
  payments: PaymentClient;
  notifications: NotificationClient;
  workflows: OrderWorkflows;
  tokens: AccessTokens;
  passwords: PasswordHasher;
  /** Which roles a customer's token carries (stored roles + OPERATOR_EMAILS). */
  roles: RoleResolver;
  breakers: WorkerBreakersReader;
}
