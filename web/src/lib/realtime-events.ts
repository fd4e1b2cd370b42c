/** socket.io event names (see docs/api.md, "Real-time push"). */
export const ORDER_PROGRESS_EVENT = 'order.progress';
export const NOTIFICATION_CREATED_EVENT = 'notification.created';
