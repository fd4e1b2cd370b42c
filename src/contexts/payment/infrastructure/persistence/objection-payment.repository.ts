import type { Knex } from 'knex';
import { isUuid } from '../../../../shared/kernel/ids.js';
import type { NewPaymentAttempt, PaymentAttempt } from '../../domain/payment-attempt.value.js';
import type { Payment } from '../../domain/payment.aggregate.js';
import type { PaymentRepository } from '../../domain/payment.repository.js';
import { PaymentAttemptRecord } from './payment-attempt.record.js';
import { PaymentMapper, type AttemptColumns } from './payment.mapper.js';
import { PaymentRecord } from './payment.record.js';

const RACED = Symbol('raced');

export class ObjectionPaymentRepository implements PaymentRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Payments: typeof PaymentRecord;
  private readonly Attempts: typeof PaymentAttemptRecord;

  constructor(private readonly knex: Knex) {
    this.Payments = PaymentRecord.bindKnex(knex);
    this.Attempts = PaymentAttemptRecord.bindKnex(knex);
  }

  async get(orderId: string): Promise<Payment | undefined> {
    // A malformed id names no payment (and would make Postgres refuse the uuid comparison).
    if (!isUuid(orderId)) return undefined;
    const row = await this.Payments.query().findOne({ order_id: orderId });
    return row ? PaymentMapper.toPayment(row) : undefined;
  }

  async countAttempts(orderId: string): Promise<number> {
    const [row] = await this.knex('payment_attempts').where({ order_id: orderId }).count<{ count: string | number }[]>({ count: '*' });
    return Number(row?.count ?? 0);
  }

  async listAttempts(orderId: string): Promise<PaymentAttempt[]> {
    const rows = await this.Attempts.query().where({ order_id: orderId }).orderBy('attempt');
    return rows.map((row) => PaymentMapper.toAttempt(row));
  }

  recordAttempt(attempt: NewPaymentAttempt): Promise<PaymentAttempt> {
    return this.knex.transaction((trx) => this.appendAttempt(trx, attempt));
  }

  add(payment: Payment, attempt: NewPaymentAttempt): Promise<{ aggregate: Payment; created: boolean }> {
    return this.knex.transaction(async (trx) => {
      // The unique order_id, not a read, decides which charge of an order is the payment.
      const inserted = await trx('payments').insert(PaymentMapper.toRow(payment)).onConflict('order_id').ignore().returning('id');
      // Lost races are still recorded: the provider was called, and the history should say so.
      await this.appendAttempt(trx, attempt);
      if (inserted.length > 0) return { aggregate: payment, created: true };
      const existing = await this.Payments.query(trx).findOne({ order_id: payment.orderId });
      return { aggregate: PaymentMapper.toPayment(existing!), created: false };
    });
  }

  async update(orderId: string, change: (current: Payment | undefined) => Payment | undefined): Promise<Payment | undefined> {
    // A concurrent charge can insert the row between our locked read (of nothing) and our insert;
    // then the unique key makes us lose cleanly and we decide again on the row that now exists.
    for (;;) {
      const outcome = await this.tryUpdate(orderId, change);
      if (outcome !== RACED) return outcome;
    }
  }

  private tryUpdate(
    orderId: string,
    change: (current: Payment | undefined) => Payment | undefined,
  ): Promise<Payment | undefined | typeof RACED> {
    return this.knex.transaction(async (trx) => {
      // The row lock serialises concurrent refunds/confirms of one order: the first changes it,
      // the rest see the changed row and have nothing left to do.
      const row = await this.Payments.query(trx).findOne({ order_id: orderId }).forUpdate();
      const next = change(row ? PaymentMapper.toPayment(row) : undefined);
      // Nothing to save: answer with what is stored, not with whatever `change` did to its copy.
      if (!next) return row ? PaymentMapper.toPayment(row) : undefined;
      const { id: _id, order_id: _orderId, created_at: _createdAt, ...mutable } = PaymentMapper.toRow(next);
      if (row) {
        await trx('payments').where('order_id', orderId).update(mutable);
      } else {
        const inserted = await trx('payments').insert(PaymentMapper.toRow(next)).onConflict('order_id').ignore().returning('id');
        if (inserted.length === 0) return RACED;
      }
      return next;
    });
  }

  /**
   * Numbers the attempt max+1 for its order. The per-order advisory lock (held to the end of the
   * transaction) makes concurrent calls take turns, so numbers never repeat or skip; the unique
   * (order_id, attempt) key is the backstop.
   */
  private async appendAttempt(trx: Knex.Transaction, attempt: NewPaymentAttempt): Promise<PaymentAttempt> {
    await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`payment_attempts:${attempt.orderId}`]);
    const row = PaymentMapper.toNewAttemptRow(attempt);
    const result = await trx.raw<{ rows: AttemptColumns[] }>(
      `insert into payment_attempts (order_id, attempt, outcome, error_code, at)
       select ?, coalesce(max(attempt), 0) + 1, ?, ?, ? from payment_attempts where order_id = ?
       returning order_id, attempt, outcome, error_code, at`,
      [row.order_id, row.outcome, row.error_code, row.at, row.order_id],
    );
    return PaymentMapper.toAttempt(result.rows[0]);
  }
}
