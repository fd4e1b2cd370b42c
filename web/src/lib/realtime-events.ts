/** socket.io event names (see docs/api.md, "Real-time push"). */
export const ORDER_PROGRESS_EVENT = 'order.progress';
export const NOTIFICATION_CREATED_EVENT = 'notification.created';
/** Operator room only (tokens with the operator role). */
export const OPERATOR_ORDER_EVENT = 'operator.order';
export const OPERATOR_BREAKERS_EVENT = 'operator.breakers';
