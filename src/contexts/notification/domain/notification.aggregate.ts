import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import { assertUuid } from '../../../shared/kernel/ids.js';
import type { MoneyProps } from '../../../shared/kernel/money.js';
import { DuplicateKeyMismatch } from './notification.errors.js';
import { composeNotification } from './notification-template.js';
import { isNotificationType, type NotificationType } from './notification-type.value.js';

export const MAX_TITLE_LENGTH = 120;
export const MAX_MESSAGE_LENGTH = 1000;
export const MAX_DEDUPE_KEY_LENGTH = 200;

// Postgres text cannot hold NUL, and control characters in a title only ever come from a bug or an attack.
const CONTROL_CHARACTERS = /\p{Cc}/u;
// A message may span lines; nothing else invisible. Reads "not (a non-control character, tab or newline)".
const MESSAGE_CONTROL_CHARACTERS = /[^\P{Cc}\t\n]/u;

export interface NotificationProps {
  id: string;
  /** Chosen by the caller (e.g. `${orderId}:ORDER_CONFIRMED`): a retried activity finds its first notification. */
  dedupeKey: string;
  customerId: string;
  orderId: string | null;
  type: NotificationType;
  title: string;
  message: string;
  /** What was asked for, see `fingerprintOf`; decides whether a second request with the same key is a repeat. */
  requestFingerprint: string;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationRequest {
  id: string;
  dedupeKey: string;
  customerId: string;
  orderId: string | null;
  type: NotificationType;
  /** Omitted: the standard wording for `type`, composed from `facts`. */
  title?: string;
  message?: string;
  facts?: { reason?: string; amount?: MoneyProps };
  createdAt: Date;
}

const FINGERPRINT_FIELDS = ['customerId', 'orderId', 'type', 'title', 'message', 'reason', 'amount'] as const;

export class Notification {
  private constructor(private props: NotificationProps) {}

  static record(request: NotificationRequest): Notification {
    if (!isNotificationType(request.type)) throw new InvalidValue('unknown notification type', { type: request.type });
    const customerId = assertUuid(request.customerId, 'customerId');
    const orderId = request.orderId === null ? null : assertUuid(request.orderId, 'orderId');
    const ownTitle = request.title === undefined ? undefined : checkText(request.title, 'title', MAX_TITLE_LENGTH, CONTROL_CHARACTERS);
    const ownMessage =
      request.message === undefined ? undefined : checkText(request.message, 'message', MAX_MESSAGE_LENGTH, MESSAGE_CONTROL_CHARACTERS);
    const usesFacts = ownTitle === undefined || ownMessage === undefined;
    const composed = usesFacts
      ? composeNotification({ type: request.type, orderId, reason: request.facts?.reason, amount: request.facts?.amount })
      : undefined;
    return new Notification({
      id: assertUuid(request.id, 'id'),
      dedupeKey: checkDedupeKey(request.dedupeKey),
      customerId,
      orderId,
      type: request.type,
      title: ownTitle ?? checkText(composed!.title, 'title', MAX_TITLE_LENGTH, CONTROL_CHARACTERS),
      message: ownMessage ?? checkText(composed!.message, 'message', MAX_MESSAGE_LENGTH, MESSAGE_CONTROL_CHARACTERS),
      // The request, not the composed text: a template reworded between an attempt and its retry
      // must not turn the retry into a mismatch.
      // Positions follow FINGERPRINT_FIELDS.
      requestFingerprint: JSON.stringify([
        customerId,
        orderId,
        request.type,
        ownTitle ?? null,
        ownMessage ?? null,
        usesFacts ? (request.facts?.reason?.trim() ?? null) : null,
        usesFacts && request.facts?.amount ? `${request.facts.amount.amountMinor} ${request.facts.amount.currency}` : null,
      ]),
      createdAt: request.createdAt,
      readAt: null,
    });
  }

  /** Rebuild from storage; storage only ever holds notifications that passed record(). */
  static restore(props: NotificationProps): Notification {
    return new Notification(props);
  }

  get id(): string {
    return this.props.id;
  }
  get dedupeKey(): string {
    return this.props.dedupeKey;
  }
  get customerId(): string {
    return this.props.customerId;
  }
  get orderId(): string | null {
    return this.props.orderId;
  }
  get type(): NotificationType {
    return this.props.type;
  }
  get title(): string {
    return this.props.title;
  }
  get message(): string {
    return this.props.message;
  }
  get requestFingerprint(): string {
    return this.props.requestFingerprint;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get readAt(): Date | null {
    return this.props.readAt;
  }
  get isRead(): boolean {
    return this.props.readAt !== null;
  }

  /** @returns whether anything changed: the first read time is kept, so repeats are harmless. */
  markRead(now: Date): boolean {
    if (this.props.readAt !== null) return false;
    this.props.readAt = now;
    return true;
  }

  /** What a second record with the same dedupe key means for this stored notification. */
  assertRepeatOf(requested: Notification): void {
    if (this.requestFingerprint === requested.requestFingerprint) return;
    const stored = parseFingerprint(this.requestFingerprint);
    const asked = parseFingerprint(requested.requestFingerprint);
    const differs = FINGERPRINT_FIELDS.filter((_, i) => stored[i] !== asked[i]);
    throw new DuplicateKeyMismatch(this.dedupeKey, differs);
  }
}

function parseFingerprint(fingerprint: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(fingerprint);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

function checkDedupeKey(value: string): string {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_DEDUPE_KEY_LENGTH) {
    throw new InvalidValue(`dedupeKey must be 1-${MAX_DEDUPE_KEY_LENGTH} characters`);
  }
  if (CONTROL_CHARACTERS.test(value)) throw new InvalidValue('dedupeKey must not contain control characters');
  return value;
}

function checkText(value: string, field: string, max: number, forbidden: RegExp): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length === 0 || text.length > max) throw new InvalidValue(`${field} must be 1-${max} characters`);
  if (forbidden.test(text)) throw new InvalidValue(`${field} must not contain control characters`);
  return text;
}
