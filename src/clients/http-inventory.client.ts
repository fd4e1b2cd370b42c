import { JsonHttpClient, type JsonClientOptions } from '../shared/infrastructure/http/json-client.js';
import {
  ProductDtoSchema,
  ProductPageSchema,
  ReservationDtoSchema,
  type InventoryClient,
  type ProductDto,
  type ProductPage,
  type ReservationDto,
  type ReserveStockRequest,
} from '../contexts/inventory/contract.js';

/** Adapter for the inventory contract over its internal REST API. */
export class HttpInventoryClient implements InventoryClient {
  private readonly http: JsonHttpClient;

  constructor(options: Omit<JsonClientOptions, 'service'>) {
    this.http = new JsonHttpClient({ ...options, service: 'inventory' });
  }

  listProducts(page: { limit?: number; offset?: number } = {}): Promise<ProductPage> {
    const query = new URLSearchParams({ limit: String(page.limit ?? 50), offset: String(page.offset ?? 0) });
    return this.http.request('GET', `/products?${query.toString()}`, ProductPageSchema);
  }

  getProduct(sku: string): Promise<ProductDto> {
    return this.http.request('GET', `/products/${encodeURIComponent(sku)}`, ProductDtoSchema);
  }

  reserve(request: ReserveStockRequest): Promise<ReservationDto> {
    return this.http.request('POST', '/reservations', ReservationDtoSchema, request);
  }

  release(orderId: string): Promise<ReservationDto> {
    return this.http.request('POST', `/reservations/${encodeURIComponent(orderId)}/release`, ReservationDtoSchema);
  }

  commit(orderId: string): Promise<ReservationDto> {
    return this.http.request('POST', `/reservations/${encodeURIComponent(orderId)}/commit`, ReservationDtoSchema);
  }
}
