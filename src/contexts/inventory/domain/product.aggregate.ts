import { InvalidValue } from '../../../shared/kernel/domain-error.js';
import type { Money } from '../../../shared/kernel/money.js';
import { SKU_MESSAGE, SKU_PATTERN } from '../../../shared/kernel/sku.js';
import { InsufficientStock } from './inventory.errors.js';

export const MAX_STOCK = 1_000_000;

export interface ProductProps {
  sku: string;
  name: string;
  description: string;
  imageUrl: string;
  price: Money;
  /** Units free to reserve (on hand minus what open reservations hold). */
  stockAvailable: number;
}

export class Product {
  private constructor(private props: ProductProps) {}

  static create(props: ProductProps): Product {
    if (!SKU_PATTERN.test(props.sku)) throw new InvalidValue(SKU_MESSAGE, { sku: props.sku });
    if (props.name.trim().length === 0 || props.name.length > 200) throw new InvalidValue('name must be 1-200 characters');
    if (props.description.length > 2000) throw new InvalidValue('description must be at most 2000 characters');
    assertStock(props.stockAvailable);
    return new Product({ ...props, name: props.name.trim() });
  }

  /** Rebuild from storage; storage only ever holds products that passed create(). */
  static restore(props: ProductProps): Product {
    return new Product(props);
  }

  get sku(): string {
    return this.props.sku;
  }
  get name(): string {
    return this.props.name;
  }
  get description(): string {
    return this.props.description;
  }
  get imageUrl(): string {
    return this.props.imageUrl;
  }
  get price(): Money {
    return this.props.price;
  }
  get stockAvailable(): number {
    return this.props.stockAvailable;
  }

  take(quantity: number): void {
    if (quantity > this.props.stockAvailable) throw new InsufficientStock(this.sku, quantity, this.props.stockAvailable);
    this.props.stockAvailable -= quantity;
  }

  putBack(quantity: number): void {
    assertStock(this.props.stockAvailable + quantity);
    this.props.stockAvailable += quantity;
  }

  /** Sets the available stock to an absolute value (admin correction, restock). */
  setStock(stockAvailable: number): void {
    assertStock(stockAvailable);
    this.props.stockAvailable = stockAvailable;
  }

  snapshot(): Readonly<ProductProps> {
    return { ...this.props };
  }
}

export function assertStock(value: number): void {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_STOCK) {
    throw new InvalidValue(`stock must be an integer between 0 and ${MAX_STOCK}`, { stock: value });
  }
}
