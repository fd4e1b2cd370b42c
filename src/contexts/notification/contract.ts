/**
 * The notification context's published contract: the only file other contexts and apps may import.
 * Schemas here validate requests at the service edge and responses in clients.
 */
import { z } from 'zod';
import { NOTIFICATION_ERROR_CODES } from './domain/notification.errors.js';
import { NOTIFICATION_TYPES, type NotificationType } from './domain/notification-type.value.js';

/** The codes this context's errors carry; declared with the error classes, published from here. */
export { NOTIFICATION_ERROR_CODES };

/** Every notification type (the domain's list). */
export { NOTIFICATION_TYPES, type NotificationType };
export const NotificationTypeSchema = z.enum(NOTIFICATION_TYPES);

/** The key the saga uses for "this order's notification of this type", stable across activity retries. */
export function notificationDedupeKey(orderId: string, type: NotificationType): string {
  return `${orderId}:${type}`;
}

// Postgres text cannot hold NUL; other control characters (C0, DEL and C1: \p{Cc}, as the gateway and the customer
// context refuse them) only come from bugs or attacks.
const SINGLE_LINE = /^\P{Cc}*$/u;
// A message may span lines: tab and newline are the control characters it may hold.
const MULTI_LINE = /^[\P{Cc}\t\n]*$/u;

export const CustomerIdSchema = z.uuid();
export const NotificationIdSchema = z.uuid();
export const OrderIdSchema = z.uuid();
export const DedupeKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(SINGLE_LINE, 'dedupeKey must not contain control characters')
  .refine((key) => key.trim().length > 0, 'dedupeKey must not be blank');
export const TitleSchema = z.string().trim().min(1).max(120).regex(SINGLE_LINE, 'title must not contain control characters');
export const MessageSchema = z.string().trim().min(1).max(1000).regex(MULTI_LINE, 'message must not contain control characters');

export const NotificationFactsSchema = z
  .strictObject({
    reason: z.string().trim().min(1).max(500).regex(SINGLE_LINE, 'reason must not contain control characters').optional(),
    amountMinor: z.number().int().min(0).max(10_000_000_000).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code')
      .optional(),
  })
  .refine((facts) => (facts.amountMinor === undefined) === (facts.currency === undefined), {
    message: 'amountMinor and currency go together',
    path: ['currency'],
  });

export const RecordNotificationRequestSchema = z.strictObject({
  dedupeKey: DedupeKeySchema,
  customerId: CustomerIdSchema,
  orderId: OrderIdSchema.nullable().optional(),
  type: NotificationTypeSchema,
  /** Omitted: the standard wording for `type` is composed from `facts`. */
  title: TitleSchema.optional(),
  message: MessageSchema.optional(),
  facts: NotificationFactsSchema.optional(),
});
export type RecordNotificationRequest = z.input<typeof RecordNotificationRequestSchema>;

export const ListNotificationsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  unreadOnly: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type ListNotificationsQuery = { limit?: number; offset?: number; unreadOnly?: boolean };

export const NotificationDtoSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  orderId: z.string().nullable(),
  type: NotificationTypeSchema,
  title: z.string(),
  message: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationDto = z.infer<typeof NotificationDtoSchema>;

export const NotificationPageSchema = z.object({
  items: z.array(NotificationDtoSchema),
  /** Matching the query (only unread ones when unreadOnly). */
  total: z.number().int(),
  /** All of the customer's unread notifications, whatever the query. */
  unreadCount: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
export type NotificationPage = z.infer<typeof NotificationPageSchema>;

export const MarkAllReadResultSchema = z.object({ updated: z.number().int() });
export type MarkAllReadResult = z.infer<typeof MarkAllReadResultSchema>;

/** Port for callers outside the context (worker activities, gateway). */
export interface NotificationClient {
  /** Idempotent by dedupeKey; the same key with other content fails with DUPLICATE_KEY_MISMATCH. */
  record(request: RecordNotificationRequest): Promise<NotificationDto>;
  listForCustomer(customerId: string, query?: ListNotificationsQuery): Promise<NotificationPage>;
  /** Idempotent; NOT_FOUND also when the notification belongs to another customer. */
  markRead(customerId: string, notificationId: string): Promise<NotificationDto>;
  markAllRead(customerId: string): Promise<MarkAllReadResult>;
}
