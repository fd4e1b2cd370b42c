import { JsonHttpClient, type JsonClientOptions } from '../shared/infrastructure/http/json-client.js';
import {
  OrderDtoSchema,
  OrderPageSchema,
  type CreateOrderRequest,
  type OrderClient,
  type OrderDto,
  type OrderPage,
  type TransitionOrderRequest,
} from '../contexts/order/contract.js';

/** Adapter for the order contract over its internal REST API. */
export class HttpOrderClient implements OrderClient {
  private readonly http: JsonHttpClient;

  constructor(options: Omit<JsonClientOptions, 'service'>) {
    this.http = new JsonHttpClient({ ...options, service: 'order' });
  }

  create(request: CreateOrderRequest): Promise<OrderDto> {
    return this.http.request('POST', '/orders', OrderDtoSchema, request);
  }

  get(orderId: string): Promise<OrderDto> {
    return this.http.request('GET', `/orders/${encodeURIComponent(orderId)}`, OrderDtoSchema);
  }

  listForCustomer(customerId: string, page: { limit?: number; offset?: number } = {}): Promise<OrderPage> {
    const query = new URLSearchParams({ customerId, limit: String(page.limit ?? 20), offset: String(page.offset ?? 0) });
    return this.http.request('GET', `/orders?${query.toString()}`, OrderPageSchema);
  }

  transition(orderId: string, request: TransitionOrderRequest): Promise<OrderDto> {
    return this.http.request('POST', `/orders/${encodeURIComponent(orderId)}/transitions`, OrderDtoSchema, request);
  }
}
