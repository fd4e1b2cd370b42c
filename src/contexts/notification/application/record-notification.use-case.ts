import type { Clock } from '../../../shared/kernel/clock.js';
import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import { newId } from '../../../shared/kernel/ids.js';
import type { MoneyProps } from '../../../shared/kernel/money.js';
import { Notification } from '../domain/notification.aggregate.js';
import type { NotificationRepository } from '../domain/notification.repository.js';
import type { NotificationType } from '../domain/notification-type.value.js';
import { silentNotificationPublisher, type NotificationPublisher } from '../domain/notification.publisher.js';

export interface RecordNotificationCommand {
  dedupeKey: string;
  customerId: string;
  orderId?: string | null;
  type: NotificationType;
  /** Omitted: the standard wording for `type` is composed from `facts` (see notification-template.ts). */
  title?: string;
  message?: string;
  facts?: { reason?: string; amountMinor?: number; currency?: string };
}

export class RecordNotification {
  constructor(
    private readonly repository: NotificationRepository,
    private readonly clock: Clock,
    private readonly publisher: NotificationPublisher = silentNotificationPublisher,
  ) {}

  /** Idempotent by dedupeKey: a repeat of the same request returns the first notification. */
  async execute(command: RecordNotificationCommand): Promise<{ notification: Notification; created: boolean }> {
    const requested = Notification.record({
      id: newId(),
      dedupeKey: command.dedupeKey,
      customerId: command.customerId,
      orderId: command.orderId ?? null,
      type: command.type,
      title: command.title,
      message: command.message,
      facts: { reason: command.facts?.reason, amount: amountOf(command.facts) },
      createdAt: this.clock.now(),
    });
    const { aggregate: notification, created } = await this.repository.add(requested);
    if (!created) notification.assertRepeatOf(requested);
    // Only the first recording is news; a retried request must not ring the bell twice.
    else this.publisher.published(notification);
    return { notification, created };
  }
}

function amountOf(facts: RecordNotificationCommand['facts']): MoneyProps | undefined {
  if (facts?.amountMinor === undefined && facts?.currency === undefined) return undefined;
  if (facts.amountMinor === undefined || facts.currency === undefined) {
    throw new InvalidValue('amountMinor and currency go together');
  }
  return { amountMinor: facts.amountMinor, currency: facts.currency };
}
