/** The public API (docs/api.md), one function per call. */
import type {
  AuthResponse,
  Me,
  Notification,
  NotificationPage,
  Order,
  OrderCommandResponse,
  OrderView,
  Page,
  PlaceOrderResponse,
  Product,
  TestCard,
} from '../lib/api-types.js';
import { api } from './client.js';

export const authApi = {
  register: (body: { email: string; name: string; password: string }) =>
    api<AuthResponse>('POST', '/api/auth/register', { body, auth: false }),
  login: (body: { email: string; password: string }) => api<AuthResponse>('POST', '/api/auth/login', { body, auth: false }),
  me: () => api<Me>('GET', '/api/me'),
};

export const catalogApi = {
  list: (page: { limit?: number; offset?: number } = {}, signal?: AbortSignal) =>
    api<Page<Product>>('GET', '/api/products', { query: page, signal, auth: false }),
  get: (sku: string, signal?: AbortSignal) => api<Product>('GET', `/api/products/${encodeURIComponent(sku)}`, { signal, auth: false }),
  testCards: () => api<{ items: TestCard[] }>('GET', '/api/test-cards', { auth: false }),
};

export const ordersApi = {
  place: (body: { lines: { sku: string; quantity: number }[]; cardNumber: string }, idempotencyKey: string) =>
    api<PlaceOrderResponse>('POST', '/api/orders', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  list: (page: { limit?: number; offset?: number } = {}, signal?: AbortSignal) =>
    api<Page<Order>>('GET', '/api/orders', { query: page, signal }),
  get: (id: string, signal?: AbortSignal) => api<OrderView>('GET', `/api/orders/${encodeURIComponent(id)}`, { signal }),
  cancel: (id: string, reason?: string) =>
    api<OrderCommandResponse>('POST', `/api/orders/${encodeURIComponent(id)}/cancel`, { body: reason ? { reason } : {} }),
  confirmPayment: (id: string) => api<OrderCommandResponse>('POST', `/api/orders/${encodeURIComponent(id)}/payment-confirmation`),
};

export const notificationsApi = {
  list: (query: { limit?: number; offset?: number; unreadOnly?: boolean } = {}) =>
    api<NotificationPage>('GET', '/api/notifications', { query }),
  markRead: (id: string) => api<Notification>('POST', `/api/notifications/${encodeURIComponent(id)}/read`),
  markAllRead: () => api<{ updated: number }>('POST', '/api/notifications/read-all'),
};
