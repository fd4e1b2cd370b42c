import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import type { Money } from '../../../shared/kernel/money.js';
// The inventory catalogue's sku shape, so a line always names something stock can be reserved for.
import { SKU_MESSAGE, SKU_PATTERN } from '../../../shared/kernel/sku.js';

export const MAX_LINE_QUANTITY = 1000;
export const MAX_NAME_LENGTH = 200;
// Postgres text cannot hold NUL. Other characters are the catalogue's business: the line snapshots its name.
const NUL = '\u0000';

export interface OrderLineProps {
  readonly sku: string;
  /** Product name as the customer saw it when ordering (a snapshot, not a live reference). */
  readonly name: string;
  readonly unitPrice: Money;
  readonly quantity: number;
}

export class OrderLine implements OrderLineProps {
  private constructor(
    readonly sku: string,
    readonly name: string,
    readonly unitPrice: Money,
    readonly quantity: number,
  ) {}

  static create(props: OrderLineProps): OrderLine {
    if (!SKU_PATTERN.test(props.sku)) {
      throw new InvalidValue(SKU_MESSAGE, { sku: props.sku });
    }
    const name = props.name.trim();
    if (name.length === 0 || name.length > MAX_NAME_LENGTH || name.includes(NUL)) {
      throw new InvalidValue(`name must be 1-${MAX_NAME_LENGTH} characters without NUL`, { sku: props.sku });
    }
    if (!Number.isSafeInteger(props.quantity) || props.quantity < 1 || props.quantity > MAX_LINE_QUANTITY) {
      throw new InvalidValue(`quantity must be an integer from 1 to ${MAX_LINE_QUANTITY}`, {
        sku: props.sku,
        quantity: props.quantity,
      });
    }
    if (props.unitPrice.amountMinor <= 0) {
      throw new InvalidValue('unit price must be positive', { sku: props.sku, unitPriceMinor: props.unitPrice.amountMinor });
    }
    // A line total beyond what Money can hold is refused here, not later when the order is shown.
    props.unitPrice.times(props.quantity);
    return new OrderLine(props.sku, name, props.unitPrice, props.quantity);
  }

  /** Rebuild from storage; storage only ever holds lines that passed create(). */
  static restore(props: OrderLineProps): OrderLine {
    return new OrderLine(props.sku, props.name, props.unitPrice, props.quantity);
  }

  get lineTotal(): Money {
    return this.unitPrice.times(this.quantity);
  }

  equals(other: OrderLineProps): boolean {
    return this.sku === other.sku && this.name === other.name && this.unitPrice.equals(other.unitPrice) && this.quantity === other.quantity;
  }
}
