import { z } from 'zod';
import {
  MarkAllReadResultSchema as ContractMarkAllReadResultSchema,
  NotificationDtoSchema,
  NotificationIdSchema,
} from '../../../contexts/notification/contract.js';
import { queryInteger } from './common.schemas.js';

export const NotificationsQuerySchema = z.strictObject({
  limit: queryInteger(1, 100, 20, 'page size'),
  offset: queryInteger(0, 1_000_000, 0, 'items to skip'),
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export const NotificationIdParamsSchema = z.object({ id: NotificationIdSchema });

export const NotificationSchema = NotificationDtoSchema.meta({ id: 'Notification' });

export const NotificationPageSchema = z
  .object({
    items: z.array(NotificationSchema),
    total: z.number().int().meta({ description: 'matching the query (only unread ones with unreadOnly=true)' }),
    unreadCount: z.number().int().meta({ description: "all of the customer's unread notifications" }),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: 'NotificationPage' });

export const MarkAllReadResultSchema = ContractMarkAllReadResultSchema.meta({ id: 'MarkAllReadResult' });
