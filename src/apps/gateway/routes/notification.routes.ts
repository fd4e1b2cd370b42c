import { downstream } from '../http/downstream.js';
import { route, type AnyRoute } from '../http/route-table.js';
import {
  MarkAllReadResultSchema,
  NotificationIdParamsSchema,
  NotificationPageSchema,
  NotificationSchema,
  NotificationsQuerySchema,
} from '../schemas/notification.schemas.js';
import type { GatewayDependencies } from './gateway-dependencies.js';

const TAG = 'Notifications';

/** The signed-in customer's notifications; the notification service scopes every call by customer. */
export function notificationRoutes(deps: GatewayDependencies): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/notifications',
      operationId: 'listNotifications',
      tag: TAG,
      summary: 'My notifications, newest first',
      description: 'The source of truth after a reconnect (socket.io `notification.created` is a hint).',
      auth: true,
      request: { query: NotificationsQuerySchema },
      response: { status: 200, description: 'A page of notifications', schema: NotificationPageSchema },
      handle: ({ query, principal }) => downstream(() => deps.notifications.listForCustomer(principal.customerId, query)),
    }),

    route({
      method: 'post',
      path: '/notifications/read-all',
      operationId: 'markAllNotificationsRead',
      tag: TAG,
      summary: 'Mark all my notifications read',
      auth: true,
      response: { status: 200, description: 'How many were unread', schema: MarkAllReadResultSchema },
      handle: ({ principal }) => downstream(() => deps.notifications.markAllRead(principal.customerId)),
    }),

    route({
      method: 'post',
      path: '/notifications/:id/read',
      operationId: 'markNotificationRead',
      tag: TAG,
      summary: 'Mark one of my notifications read (idempotent)',
      auth: true,
      request: { params: NotificationIdParamsSchema },
      response: { status: 200, description: 'The notification', schema: NotificationSchema },
      errors: { 404: "NOTIFICATION.NOT_FOUND (also for another customer's notification)" },
      handle: ({ params, principal }) => downstream(() => deps.notifications.markRead(principal.customerId, params.id)),
    }),
  ];
}
