import assert from 'node:assert/strict';
import { ORDER_STATUSES as CONTRACT_STATUSES } from '../../../../src/contexts/order/contract.js';
import { Order, type PlaceOrderProps } from '../../../../src/contexts/order/domain/order.aggregate.js';
import {
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
  canTransition,
  isTerminal,
  type OrderStatus,
} from '../../../../src/contexts/order/domain/order-status.value.js';
import { TEST_EPOCH } from '../../../support/doubles/clock.js';
import { anId } from '../../../support/doubles/ids.js';
import { anOrder, anOrderLine } from './order.builder.js';

const ORDER = anId();
const CUSTOMER = anId();
const t0 = new Date(TEST_EPOCH);
const t1 = new Date('2026-01-01T00:05:00Z');
const SAGA = { by: 'saga', reason: 'step done' };

const line = (sku: string, unitPriceMinor: number, quantity: number, currency = 'EUR') =>
  anOrderLine({ sku, unitPriceMinor, quantity, currency });
const request = (lines: PlaceOrderProps['lines'] = [line('MUG-1', 1400, 2)]): PlaceOrderProps => ({
  id: ORDER,
  customerId: CUSTOMER,
  lines,
});
const placed = () => anOrder({ id: ORDER, customerId: CUSTOMER, lines: [line('MUG-1', 1400, 2)], at: t0 });

/** Shortest legal path from PENDING to each status, so every edge can be tested from a real order. */
const PATH_TO: Record<OrderStatus, OrderStatus[]> = {
  PENDING: [],
  STOCK_RESERVED: ['STOCK_RESERVED'],
  AWAITING_PAYMENT_CONFIRMATION: ['STOCK_RESERVED', 'AWAITING_PAYMENT_CONFIRMATION'],
  PAID: ['STOCK_RESERVED', 'PAID'],
  CONFIRMED: ['STOCK_RESERVED', 'PAID', 'CONFIRMED'],
  CANCELLED: ['CANCELLED'],
  NEEDS_ATTENTION: ['NEEDS_ATTENTION'],
  RETRYING_COMPENSATIONS: ['NEEDS_ATTENTION', 'RETRYING_COMPENSATIONS'],
  CANCELLED_MANUALLY: ['NEEDS_ATTENTION', 'CANCELLED_MANUALLY'],
};
function orderIn(status: OrderStatus): Order {
  const order = placed();
  for (const step of PATH_TO[status]) order.transitionTo(step, SAGA, t0);
  assert.equal(order.status, status);
  return order;
}

describe('order domain', () => {
  describe('state machine table', () => {
    it('covers the one status list, which the contract publishes as is (not a copy)', () => {
      assert.equal(CONTRACT_STATUSES, ORDER_STATUSES);
      assert.deepEqual(Object.keys(ORDER_TRANSITIONS).sort(), [...ORDER_STATUSES].sort());
    });

    it('is exactly the agreed lifecycle', () => {
      const legal = ORDER_STATUSES.flatMap((from) => ORDER_TRANSITIONS[from].map((to) => `${from}->${to}`)).sort();
      assert.deepEqual(
        legal,
        [
          'PENDING->STOCK_RESERVED',
          'PENDING->CANCELLED',
          'PENDING->NEEDS_ATTENTION',
          'STOCK_RESERVED->AWAITING_PAYMENT_CONFIRMATION',
          'STOCK_RESERVED->PAID',
          'STOCK_RESERVED->CANCELLED',
          'STOCK_RESERVED->NEEDS_ATTENTION',
          'AWAITING_PAYMENT_CONFIRMATION->PAID',
          'AWAITING_PAYMENT_CONFIRMATION->CANCELLED',
          'AWAITING_PAYMENT_CONFIRMATION->NEEDS_ATTENTION',
          'PAID->CONFIRMED',
          'PAID->CANCELLED',
          'PAID->NEEDS_ATTENTION',
          'NEEDS_ATTENTION->CANCELLED',
          'NEEDS_ATTENTION->CONFIRMED',
          'NEEDS_ATTENTION->RETRYING_COMPENSATIONS',
          'NEEDS_ATTENTION->CANCELLED_MANUALLY',
          'RETRYING_COMPENSATIONS->CANCELLED',
          'RETRYING_COMPENSATIONS->NEEDS_ATTENTION',
        ].sort(),
      );
      assert.ok(isTerminal('CONFIRMED') && isTerminal('CANCELLED') && isTerminal('CANCELLED_MANUALLY'));
      assert.ok(!isTerminal('NEEDS_ATTENTION') && !isTerminal('RETRYING_COMPENSATIONS'));
    });
  });

  describe('transitions', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_TRANSITIONS[from]) {
        it(`${from} -> ${to} is legal and recorded`, () => {
          const order = orderIn(from);
          const { version, history } = { version: order.version, history: order.history.length };
          assert.equal(order.transitionTo(to, { by: 'operator', reason: `to ${to}` }, t1), true);
          assert.equal(order.status, to);
          assert.equal(order.version, version + 1);
          assert.equal(order.history.length, history + 1);
          assert.deepEqual(order.history.at(-1), { from, to, at: t1, by: 'operator', reason: `to ${to}`, reasonCode: null });
          assert.deepEqual(order.updatedAt, t1);
        });
      }
    }

    const illegal: [OrderStatus, OrderStatus][] = [
      ['PENDING', 'PAID'],
      ['PENDING', 'CONFIRMED'],
      ['PENDING', 'AWAITING_PAYMENT_CONFIRMATION'],
      ['STOCK_RESERVED', 'CONFIRMED'],
      ['STOCK_RESERVED', 'PENDING'],
      ['AWAITING_PAYMENT_CONFIRMATION', 'STOCK_RESERVED'],
      ['AWAITING_PAYMENT_CONFIRMATION', 'CONFIRMED'],
      ['PAID', 'STOCK_RESERVED'],
      ['PAID', 'AWAITING_PAYMENT_CONFIRMATION'],
      ['NEEDS_ATTENTION', 'PAID'],
      ['NEEDS_ATTENTION', 'PENDING'],
      ['PAID', 'CANCELLED_MANUALLY'],
      ['PAID', 'RETRYING_COMPENSATIONS'],
      ['RETRYING_COMPENSATIONS', 'CANCELLED_MANUALLY'],
      ['RETRYING_COMPENSATIONS', 'CONFIRMED'],
      ...ORDER_STATUSES.filter((s) => s !== 'CANCELLED_MANUALLY').map((to): [OrderStatus, OrderStatus] => ['CANCELLED_MANUALLY', to]),
      ...ORDER_STATUSES.filter((s) => s !== 'CONFIRMED').map((to): [OrderStatus, OrderStatus] => ['CONFIRMED', to]),
      ...ORDER_STATUSES.filter((s) => s !== 'CANCELLED').map((to): [OrderStatus, OrderStatus] => ['CANCELLED', to]),
    ];
    for (const [from, to] of illegal) {
      it(`${from} -> ${to} is illegal and changes nothing`, () => {
        assert.equal(canTransition(from, to), false);
        const order = orderIn(from);
        const before = { version: order.version, history: [...order.history], updatedAt: order.updatedAt };
        assert.throws(() => order.transitionTo(to, SAGA, t1), {
          code: 'ORDER.ILLEGAL_TRANSITION',
          kind: 'conflict',
          details: { orderId: ORDER, from, to },
        });
        assert.equal(order.status, from);
        assert.equal(order.version, before.version);
        assert.deepEqual(order.history, before.history);
        assert.equal(order.updatedAt, before.updatedAt);
      });
    }

    for (const status of ORDER_STATUSES) {
      it(`${status} -> ${status} is a no-op without a history entry`, () => {
        const order = orderIn(status);
        const before = { version: order.version, history: order.history.length, updatedAt: order.updatedAt };
        assert.equal(order.transitionTo(status, SAGA, t1), false);
        assert.equal(order.status, status);
        assert.equal(order.version, before.version);
        assert.equal(order.history.length, before.history);
        assert.equal(order.updatedAt, before.updatedAt);
      });
    }

    it('rejects an unknown status and bad actors', () => {
      const order = placed();
      assert.throws(() => order.transitionTo('SHIPPED' as OrderStatus, SAGA, t1), { code: 'VALIDATION.INVALID_VALUE' });
      for (const by of ['', '   ', 'x'.repeat(51), 'bad\nactor']) {
        assert.throws(
          () => order.transitionTo('CANCELLED', { by, reason: '' }, t1),
          { code: 'VALIDATION.INVALID_VALUE' },
          JSON.stringify(by),
        );
      }
      assert.throws(() => order.transitionTo('CANCELLED', { by: 'saga', reason: 'r'.repeat(501) }, t1), {
        code: 'VALIDATION.INVALID_VALUE',
      });
      assert.throws(() => order.transitionTo('CANCELLED', { by: 'saga', reason: 'nul\u0000' }, t1), { code: 'VALIDATION.INVALID_VALUE' });
      assert.throws(() => order.transitionTo('CANCELLED', { by: 'saga', reason: 'x', reasonCode: 'declined: card' }, t1), {
        code: 'VALIDATION.INVALID_VALUE',
      });
      assert.equal(order.status, 'PENDING');
      assert.equal(order.history.length, 1);
      order.transitionTo('CANCELLED', { by: 'x'.repeat(50), reason: 'r'.repeat(500) }, t1);
      assert.equal(order.status, 'CANCELLED');
    });

    it('keeps the code of what caused a change apart from its reason', () => {
      const order = placed();
      order.transitionTo('CANCELLED', { by: 'saga', reason: 'card declined', reasonCode: 'PAYMENT.CARD_DECLINED' }, t1);
      assert.deepEqual(order.history.at(-1), {
        from: 'PENDING',
        to: 'CANCELLED',
        at: t1,
        by: 'saga',
        reason: 'card declined',
        reasonCode: 'PAYMENT.CARD_DECLINED',
      });
    });

    it('records the whole journey in order', () => {
      const order = placed();
      order.transitionTo('STOCK_RESERVED', SAGA, t1);
      order.transitionTo('STOCK_RESERVED', SAGA, t1); // retried activity
      order.transitionTo('PAID', { by: 'saga', reason: 'captured' }, t1);
      order.transitionTo('CONFIRMED', { by: 'saga', reason: '' }, t1);
      assert.deepEqual(
        order.history.map((entry) => [entry.from, entry.to]),
        [
          [null, 'PENDING'],
          ['PENDING', 'STOCK_RESERVED'],
          ['STOCK_RESERVED', 'PAID'],
          ['PAID', 'CONFIRMED'],
        ],
      );
      assert.equal(order.version, 4);
    });
  });

  describe('placing an order', () => {
    it('starts PENDING with a first history entry, version 1', () => {
      const order = placed();
      assert.equal(order.status, 'PENDING');
      assert.equal(order.version, 1);
      assert.deepEqual(order.history, [{ from: null, to: 'PENDING', at: t0, by: 'customer', reason: 'order placed', reasonCode: null }]);
      assert.deepEqual(order.createdAt, t0);
      assert.deepEqual(order.updatedAt, t0);
    });

    it('computes line totals and the order total in minor units', () => {
      const order = Order.place(request([line('MUG-1', 1400, 3), line('TEE-1', 2499, 2), line('PEN-1', 1, 1000)]), SAGA, t0);
      assert.deepEqual(
        order.lines.map((l) => l.lineTotal.toJSON()),
        [
          { amountMinor: 4200, currency: 'EUR' },
          { amountMinor: 4998, currency: 'EUR' },
          { amountMinor: 1000, currency: 'EUR' },
        ],
      );
      assert.deepEqual(order.total.toJSON(), { amountMinor: 10198, currency: 'EUR' });
    });

    it('normalises ids to lower case and trims names', () => {
      const order = Order.place(
        { id: ORDER.toUpperCase(), customerId: CUSTOMER.toUpperCase(), lines: [{ ...line('MUG-1', 1, 1), name: '  Mug  ' }] },
        SAGA,
        t0,
      );
      assert.equal(order.id, ORDER);
      assert.equal(order.customerId, CUSTOMER);
      assert.equal(order.lines[0].name, 'Mug');
    });

    it('rejects duplicate skus', () => {
      assert.throws(() => Order.place(request([line('MUG-1', 100, 1), line('TEE-1', 100, 1), line('MUG-1', 100, 2)]), SAGA, t0), {
        code: 'ORDER.DUPLICATE_SKU',
        kind: 'validation',
        details: { sku: 'MUG-1' },
      });
    });

    it('rejects mixed currencies', () => {
      assert.throws(() => Order.place(request([line('MUG-1', 100, 1, 'EUR'), line('TEE-1', 100, 1, 'USD')]), SAGA, t0), {
        code: 'ORDER.MIXED_CURRENCY',
        kind: 'validation',
      });
    });

    for (const quantity of [0, -1, 1.5, 1001, Number.NaN, Number.POSITIVE_INFINITY]) {
      it(`rejects quantity ${quantity}`, () => {
        assert.throws(() => Order.place(request([line('MUG-1', 100, quantity)]), SAGA, t0), { code: 'VALIDATION.INVALID_VALUE' });
      });
    }

    it('accepts quantities 1 and 1000', () => {
      assert.equal(Order.place(request([line('MUG-1', 100, 1)]), SAGA, t0).lines[0].quantity, 1);
      assert.equal(Order.place(request([line('MUG-1', 100, 1000)]), SAGA, t0).lines[0].quantity, 1000);
    });

    it('rejects line counts outside 1..50', () => {
      assert.throws(() => Order.place(request([]), SAGA, t0), { code: 'VALIDATION.INVALID_VALUE' });
      const lines = (n: number) => Array.from({ length: n }, (_, i) => line(`SKU-${i}`, 100, 1));
      assert.equal(Order.place(request(lines(50)), SAGA, t0).lines.length, 50);
      assert.throws(() => Order.place(request(lines(51)), SAGA, t0), { code: 'VALIDATION.INVALID_VALUE' });
    });

    it('rejects a zero price, a bad sku, a blank name, bad ids and totals Money cannot hold', () => {
      const bad: [string, () => unknown][] = [
        ['zero price', () => Order.place(request([line('MUG-1', 0, 1)]), SAGA, t0)],
        ['lower-case sku', () => Order.place(request([line('mug-1', 100, 1)]), SAGA, t0)],
        ['blank name', () => Order.place(request([{ ...line('MUG-1', 100, 1), name: '   ' }]), SAGA, t0)],
        ['long name', () => Order.place(request([{ ...line('MUG-1', 100, 1), name: 'n'.repeat(201) }]), SAGA, t0)],
        ['bad id', () => Order.place({ ...request(), id: 'nope' }, SAGA, t0)],
        ['bad customer', () => Order.place({ ...request(), customerId: "1' or '1'='1" }, SAGA, t0)],
        ['line total overflow', () => Order.place(request([line('MUG-1', 10_000_000_000, 2)]), SAGA, t0)],
        ['order total overflow', () => Order.place(request([line('MUG-1', 6_000_000_000, 1), line('TEE-1', 6_000_000_000, 1)]), SAGA, t0)],
        ['blank actor', () => Order.place(request(), { by: '', reason: '' }, t0)],
      ];
      for (const [label, attempt] of bad) assert.throws(attempt, { code: 'VALIDATION.INVALID_VALUE' }, label);
    });

    it('recognises a repeat regardless of line order, and a changed request', () => {
      const first = Order.place(request([line('MUG-1', 100, 1), line('TEE-1', 200, 2)]), SAGA, t0);
      assert.ok(first.isSameRequestAs(Order.place(request([line('TEE-1', 200, 2), line('MUG-1', 100, 1)]), SAGA, t1)));
      assert.ok(!first.isSameRequestAs(Order.place(request([line('MUG-1', 100, 1)]), SAGA, t1)));
      assert.ok(!first.isSameRequestAs(Order.place(request([line('MUG-1', 100, 1), line('TEE-1', 200, 3)]), SAGA, t1)));
      assert.ok(!first.isSameRequestAs(Order.place(request([line('MUG-1', 100, 1), line('TEE-1', 201, 2)]), SAGA, t1)));
      assert.ok(!first.isSameRequestAs(Order.place(request([line('MUG-1', 100, 1, 'USD'), line('TEE-1', 200, 2, 'USD')]), SAGA, t1)));
      const otherCustomer = Order.place({ ...request([line('MUG-1', 100, 1), line('TEE-1', 200, 2)]), customerId: anId() }, SAGA, t1);
      assert.ok(!first.isSameRequestAs(otherCustomer));
    });
  });
});
