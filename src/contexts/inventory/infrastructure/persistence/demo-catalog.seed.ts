import type { Knex } from 'knex';

/** A small demo catalog; inserted only when the catalog is empty so restarts keep stock as it is. */
export const DEMO_CATALOG = [
  {
    sku: 'TEE-SAGA-BLK',
    name: 'Saga T-shirt (black)',
    description: 'Soft cotton tee with the sagashop logo.',
    price_minor: 2500,
    stock: 40,
  },
  {
    sku: 'MUG-COMPENSATE',
    name: 'Compensation mug',
    description: 'For when a transaction needs undoing. 350 ml.',
    price_minor: 1400,
    stock: 25,
  },
  {
    sku: 'HOODIE-WORKFLOW',
    name: 'Workflow hoodie',
    description: 'Durable, like your workflows. Heavyweight fleece.',
    price_minor: 5900,
    stock: 15,
  },
  {
    sku: 'STICKERS-DDD',
    name: 'DDD sticker pack',
    description: 'Aggregates, value objects and bounded contexts for your laptop.',
    price_minor: 600,
    stock: 200,
  },
  {
    sku: 'BOOK-SAGAS',
    name: 'Sagas in practice',
    description: 'A field guide to long-running transactions.',
    price_minor: 3900,
    stock: 10,
  },
  { sku: 'CAP-RETRY', name: 'Retry cap', description: 'Exponential backoff not included.', price_minor: 1900, stock: 3 },
] as const;

export async function seedDemoCatalog(knex: Knex): Promise<number> {
  const [{ count }] = await knex('products').count<{ count: string }[]>({ count: '*' });
  if (Number(count) > 0) return 0;
  await knex('products').insert(
    DEMO_CATALOG.map((item) => ({
      sku: item.sku,
      name: item.name,
      description: item.description,
      image_url: `/images/products/${item.sku.toLowerCase()}.svg`,
      price_minor: item.price_minor,
      currency: 'EUR',
      stock_available: item.stock,
    })),
  );
  return DEMO_CATALOG.length;
}
