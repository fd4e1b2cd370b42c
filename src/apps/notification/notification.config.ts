import { z } from 'zod';
import { optionalUrl, parseConfig } from '../../shared/infrastructure/config.js';
import { contextConfigSchema } from '../../shared/infrastructure/context-service.js';

/**
 * The notification service's env: what every context service reads (NOTIFICATION_DATABASE_URL,
 * NOTIFICATION_PORT, HOST, LOG_LEVEL) plus EVENTS_DATABASE_URL, the database shared with the
 * gateways' socket.io adapter through which new notifications reach the browser (unset: the
 * embedded Postgres).
 */
export const notificationConfigSchema = z.intersection(
  contextConfigSchema('notification'),
  z.object({ EVENTS_DATABASE_URL: optionalUrl }).transform((env) => ({ eventsDatabaseUrl: env.EVENTS_DATABASE_URL })),
);

export type NotificationConfig = z.output<typeof notificationConfigSchema>;

/** A bad value stops the process with a message that names the variable. */
export function loadNotificationConfig(env: NodeJS.ProcessEnv): NotificationConfig {
  return parseConfig(notificationConfigSchema, env);
}
