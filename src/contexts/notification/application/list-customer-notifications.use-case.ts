import { assertUuid } from '../../../shared/kernel/ids.js';
import type { NotificationPage, NotificationQuery, NotificationRepository } from '../domain/notification.repository.js';

export class ListCustomerNotifications {
  constructor(private readonly repository: NotificationRepository) {}

  execute(customerId: string, query: NotificationQuery): Promise<NotificationPage> {
    return this.repository.listByCustomer(assertUuid(customerId, 'customerId'), query);
  }
}
