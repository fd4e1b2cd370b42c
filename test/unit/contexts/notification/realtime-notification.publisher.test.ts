import assert from 'node:assert/strict';
import { NotificationDtoSchema } from '../../../../src/contexts/notification/contract.js';
import { toNotificationDto } from '../../../../src/contexts/notification/infrastructure/http/notification.presenter.js';
import { RealtimeNotificationPublisher } from '../../../../src/contexts/notification/infrastructure/realtime/realtime-notification.publisher.js';
import type { NotificationCreatedEvent } from '../../../../src/shared/infrastructure/realtime/realtime.contract.js';
import { aNotification } from './notification.builder.js';

describe('RealtimeNotificationPublisher', () => {
  it('pushes the notification as the HTTP API shows it', () => {
    const events: NotificationCreatedEvent[] = [];
    const publisher = new RealtimeNotificationPublisher({ notificationCreated: (event) => events.push(event) });
    const notification = aNotification();
    publisher.published(notification);
    assert.deepEqual(events, [{ notification: toNotificationDto(notification) }]);
    NotificationDtoSchema.parse(events[0].notification);
  });
});
