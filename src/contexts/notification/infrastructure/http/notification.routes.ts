import Router from '@koa/router';
import { z } from 'zod';
import type { AppState } from '../../../../shared/infrastructure/http/app.js';
import { validate } from '../../../../shared/infrastructure/http/validation.js';
import { CustomerIdSchema, ListNotificationsQuerySchema, NotificationIdSchema, RecordNotificationRequestSchema } from '../../contract.js';
import type { NotificationUseCases } from '../../notification.module.js';
import { toNotificationDto } from './notification.presenter.js';

const CustomerParams = z.object({ customerId: CustomerIdSchema });
const NotificationParams = z.object({ customerId: CustomerIdSchema, id: NotificationIdSchema });

/** Internal REST API of the notification context (reached by the worker and the gateway, never by browsers). */
export function notificationRoutes(useCases: NotificationUseCases): Router<AppState> {
  const router = new Router<AppState>();

  router.post('/notifications', async (ctx) => {
    const body = validate(RecordNotificationRequestSchema, ctx.request.body, 'body');
    const { notification, created } = await useCases.recordNotification.execute(body);
    ctx.status = created ? 201 : 200;
    ctx.body = toNotificationDto(notification);
  });

  router.get('/customers/:customerId/notifications', async (ctx) => {
    const { customerId } = validate(CustomerParams, ctx.params, 'params');
    const query = validate(ListNotificationsQuerySchema, ctx.query, 'query');
    const page = await useCases.listCustomerNotifications.execute(customerId, query);
    ctx.body = {
      items: page.items.map(toNotificationDto),
      total: page.total,
      unreadCount: page.unreadCount,
      limit: query.limit,
      offset: query.offset,
    };
  });

  router.post('/customers/:customerId/notifications/read-all', async (ctx) => {
    const { customerId } = validate(CustomerParams, ctx.params, 'params');
    ctx.body = await useCases.markAllNotificationsRead.execute(customerId);
  });

  router.post('/customers/:customerId/notifications/:id/read', async (ctx) => {
    const { customerId, id } = validate(NotificationParams, ctx.params, 'params');
    ctx.body = toNotificationDto(await useCases.markNotificationRead.execute(customerId, id));
  });

  return router;
}
