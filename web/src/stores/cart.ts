/**
 * The cart, persisted in localStorage per customer (a guest has one too, merged into the
 * customer's cart at login). The rules live in lib/cart.ts.
 */
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import type { Product } from '../lib/api-types.js';
import {
  addToCart,
  cartStorageKey,
  cartTotals,
  itemCount,
  mergeCarts,
  parseCart,
  refreshLines,
  removeLine,
  serializeCart,
  setQuantity,
  type CartLine,
} from '../lib/cart.js';
import { useAuthStore } from './auth.js';

export const useCartStore = defineStore('cart', () => {
  const auth = useAuthStore();
  const lines = ref<CartLine[]>([]);
  let ownerKey = '';

  function load(customerId: string | null): void {
    const key = cartStorageKey(customerId);
    let loaded = parseCart(localStorage.getItem(key));
    if (customerId) {
      // Logging in: whatever the guest collected joins the customer's cart.
      const guestKey = cartStorageKey(null);
      const guest = parseCart(localStorage.getItem(guestKey));
      if (guest.length > 0) {
        loaded = mergeCarts(loaded, guest);
        localStorage.removeItem(guestKey);
      }
    }
    ownerKey = key;
    lines.value = loaded;
    persist();
  }

  function persist(): void {
    if (!ownerKey) return;
    if (lines.value.length === 0) localStorage.removeItem(ownerKey);
    else localStorage.setItem(ownerKey, serializeCart(lines.value));
  }

  watch(
    () => auth.customer?.id ?? null,
    (customerId) => load(customerId),
    { immediate: true },
  );

  // Another tab changed this cart.
  window.addEventListener('storage', (event) => {
    if (event.key === ownerKey) lines.value = parseCart(event.newValue);
  });

  const count = computed(() => itemCount(lines.value));
  const totals = computed(() => cartTotals(lines.value));

  function quantityOf(sku: string): number {
    return lines.value.find((line) => line.sku === sku)?.quantity ?? 0;
  }

  /** Returns false when the stock did not allow all of it. */
  function add(product: Product, quantity = 1): boolean {
    const change = addToCart(lines.value, product, quantity);
    lines.value = change.lines;
    persist();
    return !change.limited;
  }

  function update(sku: string, quantity: number): boolean {
    const change = setQuantity(lines.value, sku, quantity);
    lines.value = change.lines;
    persist();
    return !change.limited;
  }

  function remove(sku: string): void {
    lines.value = removeLine(lines.value, sku);
    persist();
  }

  function clear(): void {
    lines.value = [];
    persist();
  }

  function refresh(products: ReadonlyMap<string, Product>) {
    const result = refreshLines(lines.value, products);
    lines.value = result.lines;
    persist();
    return result;
  }

  return { lines, count, totals, quantityOf, add, update, remove, clear, refresh };
});
