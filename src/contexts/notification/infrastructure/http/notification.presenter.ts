import type { NotificationDto } from '../../contract.js';
import type { Notification } from '../../domain/notification.aggregate.js';

export function toNotificationDto(notification: Notification): NotificationDto {
  return {
    id: notification.id,
    customerId: notification.customerId,
    orderId: notification.orderId,
    type: notification.type,
    title: notification.title,
    message: notification.message,
    createdAt: notification.createdAt.toISOString(),
    readAt: notification.readAt?.toISOString() ?? null,
  };
}
