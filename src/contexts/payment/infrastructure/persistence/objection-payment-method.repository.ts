import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { PaymentMethod } from '../../domain/payment-method.aggregate.js';
import type { PaymentMethodRepository } from '../../domain/payment-method.repository.js';
import { PaymentMethodMapper } from './payment-method.mapper.js';
import { PaymentMethodRecord } from './payment-method.record.js';

/** `pm_` + 18 bytes from the CSPRNG in base64url: 24 characters, 144 bits nobody can guess. */
export function newPaymentMethodId(): string {
  return `pm_${randomBytes(18).toString('base64url')}`;
}

export class ObjectionPaymentMethodRepository implements PaymentMethodRepository {
  // Bound to this context's own knex: no global Model.knex(), so two contexts in one process stay apart.
  private readonly Methods: typeof PaymentMethodRecord;

  constructor(private readonly knex: Knex) {
    this.Methods = PaymentMethodRecord.bindKnex(knex);
  }

  nextId(): string {
    return newPaymentMethodId();
  }

  async get(id: string): Promise<PaymentMethod | undefined> {
    const row = await this.Methods.query().findById(id);
    return row ? PaymentMethodMapper.toPaymentMethod(row) : undefined;
  }

  async add(method: PaymentMethod): Promise<{ aggregate: PaymentMethod; created: boolean }> {
    // The primary key decides; payment methods are never deleted, so the one that won is there to read.
    const inserted = await this.knex('payment_methods').insert(PaymentMethodMapper.toRow(method)).onConflict('id').ignore().returning('id');
    if (inserted.length > 0) return { aggregate: method, created: true };
    return { aggregate: (await this.get(method.id))!, created: false };
  }
}
