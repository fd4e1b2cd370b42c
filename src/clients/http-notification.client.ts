import { JsonHttpClient, type JsonClientOptions } from '../shared/infrastructure/http/json-client.js';
import {
  MarkAllReadResultSchema,
  NotificationDtoSchema,
  NotificationPageSchema,
  type ListNotificationsQuery,
  type MarkAllReadResult,
  type NotificationClient,
  type NotificationDto,
  type NotificationPage,
  type RecordNotificationRequest,
} from '../contexts/notification/contract.js';

/** Adapter for the notification contract over its internal REST API. */
export class HttpNotificationClient implements NotificationClient {
  private readonly http: JsonHttpClient;

  constructor(options: Omit<JsonClientOptions, 'service'>) {
    this.http = new JsonHttpClient({ ...options, service: 'notification' });
  }

  record(request: RecordNotificationRequest): Promise<NotificationDto> {
    return this.http.request('POST', '/notifications', NotificationDtoSchema, request);
  }

  listForCustomer(customerId: string, query: ListNotificationsQuery = {}): Promise<NotificationPage> {
    const params = new URLSearchParams({
      limit: String(query.limit ?? 20),
      offset: String(query.offset ?? 0),
      unreadOnly: String(query.unreadOnly ?? false),
    });
    return this.http.request(
      'GET',
      `/customers/${encodeURIComponent(customerId)}/notifications?${params.toString()}`,
      NotificationPageSchema,
    );
  }

  markRead(customerId: string, notificationId: string): Promise<NotificationDto> {
    const path = `/customers/${encodeURIComponent(customerId)}/notifications/${encodeURIComponent(notificationId)}/read`;
    return this.http.request('POST', path, NotificationDtoSchema);
  }

  markAllRead(customerId: string): Promise<MarkAllReadResult> {
    return this.http.request('POST', `/customers/${encodeURIComponent(customerId)}/notifications/read-all`, MarkAllReadResultSchema);
  }
}
