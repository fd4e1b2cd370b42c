import type { Knex } from 'knex';
import { isUuid } from '../../../../shared/kernel/ids.js';
import type { Order } from '../../domain/order.aggregate.js';
import type { OrderPage, OrderRepository } from '../../domain/order.repository.js';
import { OrderMapper } from './order.mapper.js';
import { OrderLineRecord } from './order-line.record.js';
import { OrderRecord } from './order.record.js';
import { OrderStatusHistoryRecord } from './order-status-history.record.js';

export class ObjectionOrderRepository implements OrderRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Orders: typeof OrderRecord;
  private readonly Lines: typeof OrderLineRecord;
  private readonly History: typeof OrderStatusHistoryRecord;

  constructor(private readonly knex: Knex) {
    this.Orders = OrderRecord.bindKnex(knex);
    this.Lines = OrderLineRecord.bindKnex(knex);
    this.History = OrderStatusHistoryRecord.bindKnex(knex);
  }

  get(id: string): Promise<Order | undefined> {
    // Postgres rejects a malformed uuid with an error; for us it simply names no order.
    if (!isUuid(id)) return Promise.resolve(undefined);
    // One statement sees one moment: no transaction needed around the order, its lines and history.
    return this.load(this.knex, id, false);
  }

  add(order: Order): Promise<{ aggregate: Order; created: boolean }> {
    return this.knex.transaction(async (trx) => {
      // The primary key decides who creates the order. A concurrent insert of the same id waits
      // here until the first one commits, and then finds its complete order below.
      const inserted = await trx('orders').insert(OrderMapper.toOrderRow(order)).onConflict('id').ignore().returning('id');
      if (inserted.length === 0) {
        const existing = await this.load(trx, order.id, false);
        if (!existing) throw new Error(`order ${order.id} conflicted on insert but cannot be read`);
        return { aggregate: existing, created: false };
      }
      await trx('order_lines').insert(OrderMapper.toLineRows(order));
      await trx('order_status_history').insert(OrderMapper.toHistoryRows(order, order.history));
      return { aggregate: order, created: true };
    });
  }

  listByCustomer(customerId: string, page: { limit: number; offset: number }): Promise<OrderPage> {
    return this.snapshot(async (trx) => {
      const rows = await this.Orders.query(trx)
        .where('customer_id', customerId)
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .offset(page.offset)
        .limit(page.limit);
      const total = await this.Orders.query(trx).where('customer_id', customerId).resultSize();
      if (rows.length === 0) return { items: [], total };
      const ids = rows.map((row) => row.id);
      const lines = await this.Lines.query(trx).whereIn('order_id', ids).orderBy(['order_id', 'position']);
      const history = await this.History.query(trx).whereIn('order_id', ids).orderBy('id');
      const items = rows.map((row) =>
        OrderMapper.toOrder(
          row,
          lines.filter((line) => line.order_id === row.id),
          history.filter((entry) => entry.order_id === row.id),
        ),
      );
      return { items, total };
    });
  }

  async update(id: string, change: (current: Order | undefined) => Order | undefined): Promise<Order | undefined> {
    if (!isUuid(id)) return absent(change);
    return this.knex.transaction(async (trx) => {
      // The row lock serialises concurrent transitions of one order, so none decides on a stale
      // status and every history entry survives; the version check below is a second guard.
      const stored = await this.loadRows(trx, id, true);
      if (!stored) return absent(change);
      const current = OrderMapper.toOrder(stored.row, stored.lines, stored.history);
      const loadedVersion = current.version;
      const persistedHistory = current.history.length;
      const next = change(current);
      // Nothing to save: answer with the order as stored, whatever `change` did to its copy.
      if (!next) return OrderMapper.toOrder(stored.row, stored.lines, stored.history);
      const row = OrderMapper.toOrderRow(next);
      const updated = await trx('orders')
        .where({ id, version: loadedVersion })
        .update({ status: row.status, version: row.version, updated_at: row.updated_at })
        .returning('id');
      if (updated.length !== 1) throw new Error(`order ${id} changed while locked (version ${loadedVersion})`);
      // History only grows: what is new since the load is what this change appended.
      const appended = next.history.slice(persistedHistory);
      if (appended.length > 0) await trx('order_status_history').insert(OrderMapper.toHistoryRows(next, appended));
      return next;
    });
  }

  /** Reads of several tables see one consistent moment, even while a transition commits between them. */
  private snapshot<T>(read: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.knex.transaction(async (trx) => {
      await trx.raw('set transaction isolation level repeatable read, read only');
      return read(trx);
    });
  }

  private async load(db: Knex | Knex.Transaction, id: string, lock: boolean): Promise<Order | undefined> {
    const stored = await this.loadRows(db, id, lock);
    return stored && OrderMapper.toOrder(stored.row, stored.lines, stored.history);
  }

  /**
   * The order with its lines and history in one round trip (they are read on every transition:
   * three queries were three round trips inside the lock). Lines and history come back as JSON
   * arrays of rows; their timestamps as ISO strings, which the mapper reads like Dates.
   */
  private async loadRows(db: Knex | Knex.Transaction, id: string, lock: boolean) {
    const { rows } = await db.raw<{ rows: StoredOrderRow[] }>(
      `select o.*,
         coalesce((select json_agg(l order by l.position) from order_lines l where l.order_id = o.id), '[]') as lines,
         coalesce((select json_agg(h order by h.id) from order_status_history h where h.order_id = o.id), '[]') as history
       from orders o where o.id = ?${lock ? ' for update of o' : ''}`,
      [id],
    );
    const stored = rows[0];
    if (!stored) return undefined;
    const { lines, history, ...row } = stored;
    return { row, lines, history };
  }
}

type StoredOrderRow = OrderRecord & { lines: OrderLineRecord[]; history: OrderStatusHistoryRecord[] };

/** `change` still hears about a missing order (it may want to fail), but update never creates one. */
function absent(change: (current: Order | undefined) => Order | undefined): undefined {
  if (change(undefined)) throw new Error('update cannot create an order; add does');
  return undefined;
}
