import type { Knex } from 'knex';
import type { Product } from '../../domain/product.aggregate.js';
import type { CatalogPage, ProductRepository } from '../../domain/product.repository.js';
import { ProductMapper } from './product.mapper.js';
import { ProductRecord } from './product.record.js';

const RACED = Symbol('raced');

export class ObjectionProductRepository implements ProductRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Products: typeof ProductRecord;

  constructor(private readonly knex: Knex) {
    this.Products = ProductRecord.bindKnex(knex);
  }

  async list(page: { limit: number; offset: number }): Promise<CatalogPage> {
    const [rows, count] = await Promise.all([
      this.Products.query().orderBy('sku').offset(page.offset).limit(page.limit),
      this.Products.query().resultSize(),
    ]);
    return { items: rows.map((row) => ProductMapper.toProduct(row)), total: count };
  }

  async get(sku: string): Promise<Product | undefined> {
    const row = await this.Products.query().findById(sku);
    return row ? ProductMapper.toProduct(row) : undefined;
  }

  async add(product: Product): Promise<{ aggregate: Product; created: boolean }> {
    // The primary key on sku, not a read-then-write, decides which of two concurrent adds wins.
    const inserted = await this.knex('products').insert(ProductMapper.toRow(product)).onConflict('sku').ignore().returning('sku');
    if (inserted.length > 0) return { aggregate: product, created: true };
    // Products are never deleted, so the one that won is there to read.
    return { aggregate: (await this.get(product.sku))!, created: false };
  }

  async update(sku: string, change: (current: Product | undefined) => Product | undefined): Promise<Product | undefined> {
    // A concurrent add can insert the row between our locked read (of nothing) and our insert;
    // then the key makes us lose cleanly and we decide again on the row that now exists.
    for (;;) {
      const outcome = await this.tryUpdate(sku, change);
      if (outcome !== RACED) return outcome;
    }
  }

  private tryUpdate(
    sku: string,
    change: (current: Product | undefined) => Product | undefined,
  ): Promise<Product | undefined | typeof RACED> {
    return this.knex.transaction(async (trx) => {
      // The row lock also makes this wait for (and then see) any reservation moving this product's stock.
      const row = await this.Products.query(trx).findById(sku).forUpdate();
      const next = change(row ? ProductMapper.toProduct(row) : undefined);
      // Nothing to save: answer with what is stored, not with whatever `change` did to its copy.
      if (!next) return row ? ProductMapper.toProduct(row) : undefined;
      const { sku: _sku, ...mutable } = ProductMapper.toRow(next);
      if (row) {
        await trx('products')
          .where({ sku })
          .update({ ...mutable, updated_at: trx.fn.now() });
      } else {
        const inserted = await trx('products').insert(ProductMapper.toRow(next)).onConflict('sku').ignore().returning('sku');
        if (inserted.length === 0) return RACED;
      }
      return next;
    });
  }
}
