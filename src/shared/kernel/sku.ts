/**
 * What a sku looks like, declared once: the inventory and order domains check it, their contracts'
 * zod schemas (and through them the gateway) validate it with the same pattern and message.
 */
export const SKU_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;

export const SKU_MESSAGE = 'sku must be 2-40 upper-case letters, digits or dashes';
