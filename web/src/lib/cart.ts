/**
 * Cart rules as pure functions: quantities stay between 1 and the stock last seen, one line per
 * sku, and a cart survives a round trip through storage (anything malformed is dropped).
 */
import type { Money, Product } from './api-types.js';
import { multiplyMoney } from './format.js';

export interface CartLine {
  sku: string;
  name: string;
  imageUrl: string;
  unitPrice: Money;
  quantity: number;
  /** Stock when the product was last seen; the cap for `quantity`. */
  stockAvailable: number;
}

/** The API accepts at most this many units per line and this many lines per order. */
export const MAX_LINE_QUANTITY = 1000;
export const MAX_LINES = 50;

export function maxQuantity(stockAvailable: number): number {
  return Math.max(0, Math.min(MAX_LINE_QUANTITY, Math.floor(stockAvailable)));
}

function clamp(quantity: number, stockAvailable: number): number {
  if (!Number.isFinite(quantity)) return 1;
  return Math.max(0, Math.min(Math.floor(quantity), maxQuantity(stockAvailable)));
}

export interface CartChange {
  lines: CartLine[];
  /** The quantity asked for was more than the stock allows, so it was lowered. */
  limited: boolean;
}

/** Adds `quantity` of a product (merging with a line of the same sku) up to the stock. */
export function addToCart(lines: readonly CartLine[], product: Product, quantity = 1): CartChange {
  const existing = lines.find((line) => line.sku === product.sku);
  const wanted = (existing?.quantity ?? 0) + Math.max(1, Math.floor(quantity));
  const allowed = clamp(wanted, product.stockAvailable);
  const limited = allowed < wanted;
  if (allowed === 0) return { lines: [...lines], limited: true };
  if (!existing && lines.length >= MAX_LINES) return { lines: [...lines], limited: true };
  const line: CartLine = {
    sku: product.sku,
    name: product.name,
    imageUrl: product.imageUrl,
    unitPrice: { ...product.price },
    quantity: allowed,
    stockAvailable: product.stockAvailable,
  };
  return {
    lines: existing ? lines.map((known) => (known.sku === product.sku ? line : known)) : [...lines, line],
    limited,
  };
}

/** Sets a line's quantity; 0 removes the line. */
export function setQuantity(lines: readonly CartLine[], sku: string, quantity: number): CartChange {
  let limited = false;
  const next = lines.flatMap((line) => {
    if (line.sku !== sku) return [line];
    const wanted = Math.floor(quantity);
    const allowed = clamp(wanted, line.stockAvailable);
    limited = allowed < wanted;
    return allowed > 0 ? [{ ...line, quantity: allowed }] : [];
  });
  return { lines: next, limited };
}

export function removeLine(lines: readonly CartLine[], sku: string): CartLine[] {
  return lines.filter((line) => line.sku !== sku);
}

/** Takes fresh prices and stock from the catalog; lines whose product is gone are reported. */
export function refreshLines(
  lines: readonly CartLine[],
  products: ReadonlyMap<string, Product>,
): { lines: CartLine[]; reduced: string[]; soldOut: string[]; missing: string[] } {
  const reduced: string[] = [];
  const soldOut: string[] = [];
  const missing: string[] = [];
  const next: CartLine[] = [];
  for (const line of lines) {
    const product = products.get(line.sku);
    if (!product) {
      missing.push(line.sku);
      next.push(line);
      continue;
    }
    const max = maxQuantity(product.stockAvailable);
    if (max === 0) soldOut.push(line.sku);
    else if (line.quantity > max) reduced.push(line.sku);
    next.push({
      ...line,
      name: product.name,
      imageUrl: product.imageUrl,
      unitPrice: { ...product.price },
      stockAvailable: product.stockAvailable,
      quantity: max === 0 ? line.quantity : Math.min(line.quantity, max),
    });
  }
  return { lines: next, reduced, soldOut, missing };
}

/** Lines that cannot be ordered as they are (sold out, or more than the stock). */
export function problemLines(lines: readonly CartLine[]): CartLine[] {
  return lines.filter((line) => line.quantity < 1 || line.quantity > maxQuantity(line.stockAvailable));
}

/** A guest's cart joins the customer's cart at login: quantities add up, within stock. */
export function mergeCarts(into: readonly CartLine[], from: readonly CartLine[]): CartLine[] {
  let lines = [...into];
  for (const guest of from) {
    const existing = lines.find((line) => line.sku === guest.sku);
    if (!existing) {
      if (lines.length < MAX_LINES) lines.push({ ...guest });
      continue;
    }
    const stock = Math.max(existing.stockAvailable, guest.stockAvailable);
    lines = lines.map((line) =>
      line.sku === guest.sku
        ? { ...line, stockAvailable: stock, quantity: Math.max(1, clamp(line.quantity + guest.quantity, stock)) }
        : line,
    );
  }
  return lines;
}

export function itemCount(lines: readonly CartLine[]): number {
  return lines.reduce((count, line) => count + line.quantity, 0);
}

export function lineTotal(line: CartLine): Money {
  return multiplyMoney(line.unitPrice, line.quantity);
}

/** Totals per currency (the demo shop has one; the API refuses mixed orders). */
export function cartTotals(lines: readonly CartLine[]): Money[] {
  const totals = new Map<string, number>();
  for (const line of lines) {
    totals.set(line.unitPrice.currency, (totals.get(line.unitPrice.currency) ?? 0) + line.unitPrice.amountMinor * line.quantity);
  }
  return [...totals].map(([currency, amountMinor]) => ({ amountMinor, currency }));
}

/** What POST /api/orders wants. */
export function orderLines(lines: readonly CartLine[]): { sku: string; quantity: number }[] {
  return lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
}

// Storage: one key per customer (and one for a guest), plain JSON.

export const GUEST_CART = 'guest';

export function cartStorageKey(customerId: string | null | undefined): string {
  return `sagashop.cart.${customerId || GUEST_CART}`;
}

export function serializeCart(lines: readonly CartLine[]): string {
  return JSON.stringify({ version: 1, lines });
}

/** Reads a stored cart; anything it does not recognise is left out rather than trusted. */
export function parseCart(text: string | null | undefined): CartLine[] {
  if (!text) return [];
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const raw = (data as { lines?: unknown })?.lines;
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  return raw.flatMap((item): CartLine[] => {
    if (!item || typeof item !== 'object') return [];
    const line = item as Record<string, unknown>;
    const price = line.unitPrice as Record<string, unknown> | undefined;
    if (
      typeof line.sku !== 'string' ||
      seen.has(line.sku) ||
      typeof line.name !== 'string' ||
      typeof line.quantity !== 'number' ||
      !Number.isInteger(line.quantity) ||
      line.quantity < 1 ||
      !price ||
      typeof price.amountMinor !== 'number' ||
      typeof price.currency !== 'string'
    ) {
      return [];
    }
    seen.add(line.sku);
    const stock = typeof line.stockAvailable === 'number' ? line.stockAvailable : line.quantity;
    return [
      {
        sku: line.sku,
        name: line.name,
        imageUrl: typeof line.imageUrl === 'string' ? line.imageUrl : '',
        unitPrice: { amountMinor: price.amountMinor, currency: price.currency },
        quantity: Math.min(line.quantity, MAX_LINE_QUANTITY),
        stockAvailable: stock,
      },
    ];
  });
}
