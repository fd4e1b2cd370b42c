/**
 * What a sku looks like, declared once: the inventory and order domains check it, their contracts'
 * zod schemas (and through them the gateway) validate it with the same pattern and message.
 * The storefront (web/, a separate deployable) may not import src/: a test in test/web/ guards it.
 */
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

export const SKU_MESSAGE = 'sku must be 2-40 upper-case letters, digits or dashes';

export function isSku(value: unknown): value is string {
  return typeof value === 'string' && SKU_PATTERN.test(value);
}
