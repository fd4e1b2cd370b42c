import { randomUUID } from 'node:crypto';

/** A fresh UUID: every test gets its own ids, so tests never see each other's rows. */
export const anId = (): string => randomUUID();

/** A valid sku no other test uses (upper case, digits, dashes: the catalog's pattern). */
export const aSku = (prefix = 'T'): string => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

/** A unique email address. */
export const anEmail = (name = 'shopper'): string => `${name}-${randomUUID()}@example.com`;
