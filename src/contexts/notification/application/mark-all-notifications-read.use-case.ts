import type { Clock } from '../../../shared/kernel/clock.js';
import { assertUuid } from '../../../shared/kernel/ids.js';
import type { NotificationRepository } from '../domain/notification.repository.js';

export class MarkAllNotificationsRead {
  constructor(
    private readonly repository: NotificationRepository,
    private readonly clock: Clock,
  ) {}

  /** @returns how many notifications changed (0 on a repeat). */
  async execute(customerId: string): Promise<{ updated: number }> {
    const updated = await this.repository.markAllRead(assertUuid(customerId, 'customerId'), this.clock.now());
    return { updated };
  }
}
