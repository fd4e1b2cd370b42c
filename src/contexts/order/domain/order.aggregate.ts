import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import { assertUuid } from '../../../shared/kernel/ids.js';
import { Money } from '../../../shared/kernel/money.js';
import { DuplicateOrderLine, IllegalOrderTransition, MixedCurrency } from './order.errors.js';
import { OrderLine, type OrderLineProps } from './order-line.value.js';
import { canTransition, INITIAL_ORDER_STATUS, isOrderStatus, type OrderStatus } from './order-status.value.js';

export const MAX_LINES = 50;
export const MAX_ACTOR_LENGTH = 50;
export const MAX_REASON_LENGTH = 500;

/** Who asked for a status change and why; recorded on every history entry. */
export interface StatusActor {
  readonly by: string;
  readonly reason: string;
  /** The stable code of what caused the change (e.g. PAYMENT.CARD_DECLINED), so nobody parses it out of the reason. */
  readonly reasonCode?: string | null;
}

export interface StatusChange {
  readonly from: OrderStatus | null;
  readonly to: OrderStatus;
  readonly at: Date;
  readonly by: string;
  readonly reason: string;
  readonly reasonCode: string | null;
}

export interface PlaceOrderProps {
  id: string;
  customerId: string;
  lines: readonly OrderLineProps[];
}

export interface OrderProps {
  id: string;
  customerId: string;
  lines: OrderLine[];
  status: OrderStatus;
  history: StatusChange[];
  createdAt: Date;
  updatedAt: Date;
  /** Bumped on every real transition; lets storage refuse a write based on a stale read. */
  version: number;
}

export class Order {
  private constructor(private props: OrderProps) {}

  /**
   * The id comes from the caller (saga or gateway), not from us: a retried create then names the
   * same order and can be recognised as a repeat instead of becoming a second order.
   */
  static place(request: PlaceOrderProps, actor: StatusActor, now: Date): Order {
    const id = assertUuid(request.id, 'id');
    const customerId = assertUuid(request.customerId, 'customerId');
    if (request.lines.length === 0) throw new InvalidValue('an order needs at least one line');
    if (request.lines.length > MAX_LINES)
      throw new InvalidValue(`an order has at most ${MAX_LINES} lines`, { lines: request.lines.length });
    const seen = new Set<string>();
    for (const line of request.lines) {
      if (seen.has(line.sku)) throw new DuplicateOrderLine(line.sku);
      seen.add(line.sku);
    }
    const currencies = [...new Set(request.lines.map((line) => line.unitPrice.currency))];
    if (currencies.length > 1) throw new MixedCurrency(currencies);
    const lines = request.lines.map((line) => OrderLine.create(line));
    // A total beyond what Money can hold is refused now rather than when the order is first shown.
    sumOf(lines);
    return new Order({
      id,
      customerId,
      lines,
      status: INITIAL_ORDER_STATUS,
      history: [{ from: null, to: INITIAL_ORDER_STATUS, at: now, ...checkedActor(actor) }],
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }

  /** Rebuild from storage; storage only ever holds orders that passed place(). */
  static restore(props: OrderProps): Order {
    return new Order({ ...props, lines: [...props.lines], history: [...props.history] });
  }

  get id(): string {
    return this.props.id;
  }
  get customerId(): string {
    return this.props.customerId;
  }
  get lines(): readonly OrderLine[] {
    return this.props.lines;
  }
  get status(): OrderStatus {
    return this.props.status;
  }
  get history(): readonly StatusChange[] {
    return this.props.history;
  }
  get createdAt(): Date {
    return this.props.createdAt;
  }
  get updatedAt(): Date {
    return this.props.updatedAt;
  }
  get version(): number {
    return this.props.version;
  }
  get currency(): string {
    return this.props.lines[0].unitPrice.currency;
  }

  get total(): Money {
    return sumOf(this.props.lines);
  }

  /**
   * @returns whether anything changed. Asking for the status the order is already in changes
   * nothing and records nothing, so a retried saga activity is harmless.
   */
  transitionTo(to: OrderStatus, actor: StatusActor, now: Date): boolean {
    if (!isOrderStatus(to)) throw new InvalidValue('unknown order status', { to });
    const checked = checkedActor(actor);
    const from = this.props.status;
    if (to === from) return false;
    if (!canTransition(from, to)) throw new IllegalOrderTransition(this.id, from, to);
    this.props.status = to;
    this.props.history.push({ from, to, at: now, ...checked });
    this.props.updatedAt = now;
    this.props.version += 1;
    return true;
  }

  /** Whether `other` asks for exactly this order (same customer, same lines in any order). */
  isSameRequestAs(other: Order): boolean {
    if (other.customerId !== this.customerId || other.lines.length !== this.lines.length) return false;
    const mine = new Map(this.lines.map((line) => [line.sku, line]));
    return other.lines.every((line) => mine.get(line.sku)?.equals(line) === true);
  }
}

function sumOf(lines: readonly OrderLine[]): Money {
  return lines.reduce((sum, line) => sum.add(line.lineTotal), Money.zero(lines[0].unitPrice.currency));
}

// Postgres text cannot hold NUL; tabs and newlines are fine in a reason, not in an actor name.
const NUL = '\u0000';
const CONTROL_CHARACTERS = /\p{Cc}/u;
/** CONTEXT.PROBLEM as domain error codes are written, or a bare PROBLEM (SERVICE_UNAVAILABLE). */
export const REASON_CODE_PATTERN = /^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)*$/;
export const MAX_REASON_CODE_LENGTH = 100;

function checkedActor(actor: StatusActor): { by: string; reason: string; reasonCode: string | null } {
  const by = actor.by.trim();
  if (by.length === 0 || by.length > MAX_ACTOR_LENGTH || CONTROL_CHARACTERS.test(by)) {
    throw new InvalidValue(`by must be 1-${MAX_ACTOR_LENGTH} printable characters`);
  }
  if (actor.reason.length > MAX_REASON_LENGTH || actor.reason.includes(NUL)) {
    throw new InvalidValue(`reason must be at most ${MAX_REASON_LENGTH} characters`);
  }
  const reasonCode = actor.reasonCode ?? null;
  if (reasonCode !== null && (reasonCode.length > MAX_REASON_CODE_LENGTH || !REASON_CODE_PATTERN.test(reasonCode))) {
    throw new InvalidValue('reasonCode must be a code like CONTEXT.PROBLEM', { reasonCode });
  }
  return { by, reason: actor.reason, reasonCode };
}
