import type { Knex } from 'knex';
import { DuplicateSku, InsufficientStock, ProductNotFound } from '../../domain/inventory.errors.js';
import type { CatalogPage, InventoryRepository } from '../../domain/inventory.repository.js';
import type { Product } from '../../domain/product.aggregate.js';
import type { Reservation } from '../../domain/reservation.aggregate.js';
import { InventoryMapper } from './inventory.mapper.js';
import { ProductRecord } from './product.record.js';
import { ReservationRecord } from './reservation.record.js';

const UNIQUE_VIOLATION = '23505';
const RACED = Symbol('raced');

export class ObjectionInventoryRepository implements InventoryRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Products: typeof ProductRecord;
  private readonly Reservations: typeof ReservationRecord;

  constructor(private readonly knex: Knex) {
    this.Products = ProductRecord.bindKnex(knex);
    this.Reservations = ReservationRecord.bindKnex(knex);
  }

  async list(page: { limit: number; offset: number }): Promise<CatalogPage> {
    const [rows, count] = await Promise.all([
      this.Products.query().orderBy('sku').offset(page.offset).limit(page.limit),
      this.Products.query().resultSize(),
    ]);
    return { items: rows.map(InventoryMapper.toProduct), total: count };
  }

  async findBySku(sku: string): Promise<Product | undefined> {
    const row = await this.Products.query().findById(sku);
    return row ? InventoryMapper.toProduct(row) : undefined;
  }

  async add(product: Product): Promise<void> {
    try {
      await this.Products.query().insert(InventoryMapper.toProductRow(product));
    } catch (error) {
      if ((error as { nativeError?: { code?: string } }).nativeError?.code === UNIQUE_VIOLATION) throw new DuplicateSku(product.sku);
      throw error;
    }
  }

  async setStock(sku: string, stockAvailable: number): Promise<Product> {
    const rows = await this.knex<ProductRecord>('products')
      .where({ sku })
      .update({ stock_available: stockAvailable, updated_at: this.knex.fn.now() as unknown as Date })
      .returning('*');
    if (rows.length === 0) throw new ProductNotFound(sku);
    return InventoryMapper.toProduct(rows[0]!);
  }

  async findReservation(orderId: string): Promise<Reservation | undefined> {
    const row = await this.Reservations.query().findById(orderId);
    return row ? InventoryMapper.toReservation(row) : undefined;
  }

  reserve(requested: Reservation): Promise<{ reservation: Reservation; created: boolean }> {
    return this.knex.transaction(async (trx) => {
      // The primary key on order_id, not a read-then-write, decides who reserves first.
      const inserted = await trx('reservations')
        .insert({ ...InventoryMapper.toReservationRow(requested), lines: JSON.stringify(requested.lines) })
        .onConflict('order_id')
        .ignore()
        .returning('order_id');
      if (inserted.length === 0) {
        const existing = await this.Reservations.query(trx).findById(requested.orderId);
        return { reservation: InventoryMapper.toReservation(existing!), created: false };
      }
      for (const line of requested.lines) {
        // Conditional decrement: the row lock plus `>=` makes overselling impossible under concurrency.
        const updated = await trx('products')
          .where('sku', line.sku)
          .andWhere('stock_available', '>=', line.quantity)
          .decrement('stock_available', line.quantity)
          .update({ updated_at: trx.fn.now() })
          .returning('sku');
        if (updated.length === 0) {
          const product = await trx('products').where('sku', line.sku).first('stock_available');
          if (!product) throw new ProductNotFound(line.sku);
          throw new InsufficientStock(line.sku, line.quantity, product.stock_available);
        }
      }
      return { reservation: requested, created: true };
    });
  }

  async changeReservation(
    orderId: string,
    change: (current: Reservation | undefined) => { next: Reservation; returnStock: boolean } | undefined,
  ): Promise<Reservation | undefined> {
    // A concurrent reserve can insert the row between our locked read (of nothing) and our insert;
    // then the key makes us lose cleanly and we decide again on the row that now exists.
    for (;;) {
      const outcome = await this.tryChangeReservation(orderId, change);
      if (outcome !== RACED) return outcome;
    }
  }

  private tryChangeReservation(
    orderId: string,
    change: (current: Reservation | undefined) => { next: Reservation; returnStock: boolean } | undefined,
  ): Promise<Reservation | undefined | typeof RACED> {
    return this.knex.transaction(async (trx) => {
      const row = await this.Reservations.query(trx).findById(orderId).forUpdate();
      const current = row ? InventoryMapper.toReservation(row) : undefined;
      const decision = change(current);
      if (!decision) return current;
      const { next, returnStock } = decision;
      const nextRow = { ...InventoryMapper.toReservationRow(next), lines: JSON.stringify(next.lines) };
      if (row) {
        await trx('reservations').where('order_id', orderId).update(nextRow);
      } else {
        const inserted = await trx('reservations').insert(nextRow).onConflict('order_id').ignore().returning('order_id');
        if (inserted.length === 0) return RACED;
      }
      if (returnStock) {
        for (const line of next.lines) {
          await trx('products').where('sku', line.sku).increment('stock_available', line.quantity).update({ updated_at: trx.fn.now() });
        }
      }
      return next;
    });
  }
}
