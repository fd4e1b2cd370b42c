import { createHash } from 'node:crypto';
import {
  STOCK_VERSION_PATH,
  StockVersionDtoSchema,
  type InventoryClient,
  type ProductDto,
  type ProductPage,
} from '../../contexts/inventory/contract.js';
import { JsonHttpClient } from '../../shared/infrastructure/http/json-client.js';

/** A cached answer and its validator (a weak ETag over its JSON, so a 304 needs no body). */
export interface Tagged<T> {
  value: T;
  etag: string;
  /** `value` as JSON, serialised once per load: what a cached read sends (cached-reads.ts). */
  json: string;
}

export interface CatalogCacheOptions {
  /**
   * Longest an answer is served from memory: the bound on how stale shown stock may be even when no
   * change signal arrives (signals only make it fresher). About a second, as the sale needs.
   */
  maxAgeMs: number;
  /** Entries kept at most (pages x offsets x skus); beyond that the cache starts over. */
  maxEntries?: number;
  /** Skus remembered as existing (requireProduct) at most; beyond that the memory starts over. */
  maxKnownSkus?: number;
  now?: () => number;
}

interface Entry {
  storedAt: number;
  answer: Promise<Tagged<unknown>>;
  /** The answer once it has arrived: read without waiting by peek(). */
  settled?: Tagged<unknown>;
}

/**
 * The gateway's short memory of the catalog, for a sale: thousands of shoppers reading the same
 * pages cost the inventory service one request per page and per max-age, not one each.
 * Concurrent misses share one downstream call. Stock changes invalidate everything at once
 * (invalidate(), called by the inventory stock-change feed); max-age bounds staleness when the
 * feed is silent or down. Failures are never cached.
 */
export class CatalogCache {
  // invalidate() drops every entry, loads in flight included: what they bring goes only to the
  // requests that were already waiting on them (asked before the change).
  private readonly entries = new Map<string, Entry>();
  private readonly knownSkus = new Set<string>();
  private readonly now: () => number;

  constructor(
    private readonly inventory: Pick<InventoryClient, 'listProducts' | 'getProduct'>,
    private readonly options: CatalogCacheOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  listProducts(page: { limit: number; offset: number }): Promise<Tagged<ProductPage>> {
    return this.cached(`page:${page.limit}:${page.offset}`, () => this.inventory.listProducts(page));
  }

  getProduct(sku: string): Promise<Tagged<ProductDto>> {
    return this.cached(`sku:${sku}`, () => this.inventory.getProduct(sku));
  }

  /**
   * What listProducts / getProduct would answer from memory right now, without waiting or loading:
   * undefined unless a fresh answer has already arrived (the caller then takes the full path).
   */
  peekProducts(page: { limit: number; offset: number }): Tagged<ProductPage> | undefined {
    return this.peek(`page:${page.limit}:${page.offset}`) as Tagged<ProductPage> | undefined;
  }

  peekProduct(sku: string): Tagged<ProductDto> | undefined {
    return this.peek(`sku:${sku}`) as Tagged<ProductDto> | undefined;
  }

  /**
   * Resolves when the sku is in the catalog, rejects with inventory's error otherwise (the order
   * form's early check). Products are never removed from the catalog (no route deletes one), so a
   * sku seen once is remembered for good and the check costs nothing on the accept path; an
   * unknown one is asked every time (it may be added any moment).
   */
  async requireProduct(sku: string): Promise<void> {
    if (this.knownSkus.has(sku)) return;
    await this.getProduct(sku);
    if (this.knownSkus.size >= (this.options.maxKnownSkus ?? 100_000)) this.knownSkus.clear();
    this.knownSkus.add(sku);
  }

  /** Stock or the catalog changed: nothing cached before now may be served again. */
  invalidate(): void {
    this.entries.clear();
  }

  private peek(key: string): Tagged<unknown> | undefined {
    const entry = this.entries.get(key);
    return entry?.settled && this.now() - entry.storedAt < this.options.maxAgeMs ? entry.settled : undefined;
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<Tagged<T>> {
    const now = this.now();
    const entry = this.entries.get(key);
    if (entry && now - entry.storedAt < this.options.maxAgeMs) return entry.answer as Promise<Tagged<T>>;

    if (this.entries.size >= (this.options.maxEntries ?? 10_000)) this.entries.clear();
    const answer = load().then((value) => {
      const json = JSON.stringify(value);
      const tagged = { value, json, etag: weakEtagOfJson(json) };
      fresh.settled = tagged;
      return tagged;
    });
    const fresh: Entry = { storedAt: now, answer };
    this.entries.set(key, fresh);
    answer.catch(() => {
      // A failure is answered once (to everyone waiting on it), never remembered.
      if (this.entries.get(key) === fresh) this.entries.delete(key);
    });
    return answer;
  }
}

/** Weak: equal JSON, not equal bytes on the wire (compression may differ). */
export function weakEtag(value: unknown): string {
  return weakEtagOfJson(JSON.stringify(value));
}

function weakEtagOfJson(json: string): string {
  return `W/"${createHash('sha1').update(json).digest('base64url')}"`;
}

export interface StockChangeFollowerOptions {
  /** The inventory service (its GET /stock-changes/version). */
  inventoryUrl: string;
  /** How often the version is asked for: the usual staleness after a change (max-age bounds the worst). */
  intervalMs: number;
  timeoutMs?: number;
}

/**
 * Drops the cache whenever the inventory's stock version moves, and whenever it cannot be read
 * (inventory down, its LISTEN lost): a change may have been missed then. One small request per
 * interval, answered from the inventory service's memory. Returns the stop function.
 */
export function followStockChanges(cache: CatalogCache, options: StockChangeFollowerOptions): () => Promise<void> {
  const client = new JsonHttpClient({ service: 'inventory', baseUrl: options.inventoryUrl, timeoutMs: options.timeoutMs ?? 1_000 });
  let last: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const poll = async () => {
    try {
      const { version } = await client.request('GET', STOCK_VERSION_PATH, StockVersionDtoSchema);
      if (version !== last) cache.invalidate();
      last = version;
    } catch {
      cache.invalidate();
      last = undefined;
    }
  };
  const loop = () => {
    if (stopped) return;
    inFlight = poll().finally(() => {
      if (!stopped) timer = setTimeout(loop, options.intervalMs);
    });
  };
  loop();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await inFlight;
  };
}
