import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { CardNumber, passesLuhn } from '../../../../src/contexts/payment/domain/card-number.value.js';
import { TEST_CARDS } from '../../../../src/contexts/payment/contract.js';

describe('payment domain: CardNumber', () => {
  it('implements the Luhn check', () => {
    for (const valid of ['4242424242424242', '4000000000000002', '5555555555554444', '378282246310005', '79927398713']) {
      assert.equal(passesLuhn(valid), true, valid);
    }
    for (const invalid of ['4242424242424241', '4000000000000003', '79927398710', '1234567812345678']) {
      assert.equal(passesLuhn(invalid), false, invalid);
    }
  });

  it('every published test card is a valid number', () => {
    for (const card of Object.values(TEST_CARDS)) assert.doesNotThrow(() => CardNumber.parse(card.number), card.label);
  });

  it('strips spaces and dashes', () => {
    assert.equal(CardNumber.parse('4242 4242 4242 4242').reveal(), '4242424242424242');
    assert.equal(CardNumber.parse('4242-4242-4242-4242').reveal(), '4242424242424242');
  });

  const rejected: [string, string][] = [
    ['letters', '4242abcd42424242'],
    ['bad Luhn', '4242424242424241'],
    ['11 digits', '42424242426'],
    ['20 digits', '42424242424242424242'],
    ['empty', ''],
    ['only separators', ' - - '],
    ['unicode digits', '४२४२४२४२४२४२४२४२'],
    ['over-long', '4'.repeat(5000)],
  ];
  for (const [label, raw] of rejected) {
    it(`rejects ${label} with VALIDATION.INVALID_VALUE and never echoes the input`, () => {
      assert.throws(
        () => CardNumber.parse(raw),
        (error: { code: string; message: string; details?: unknown }) => {
          assert.equal(error.code, 'VALIDATION.INVALID_VALUE');
          const text = error.message + JSON.stringify(error.details ?? {});
          if (raw.length >= 4) assert.ok(!text.includes(raw), `input leaked: ${text}`);
          return true;
        },
      );
    });
  }

  it('detects the brand and keeps the last four digits', () => {
    assert.deepEqual(CardNumber.parse('4242424242424242').summary(), { last4: '4242', brand: 'visa' });
    assert.deepEqual(CardNumber.parse('5555555555554444').summary(), { last4: '4444', brand: 'mastercard' });
    assert.deepEqual(CardNumber.parse('2223003122003222').summary(), { last4: '3222', brand: 'mastercard' });
    assert.deepEqual(CardNumber.parse('378282246310005').summary(), { last4: '0005', brand: 'amex' });
    assert.deepEqual(CardNumber.parse('6011111111111117').summary(), { last4: '1117', brand: 'discover' });
  });

  it('never prints the full number, however it is turned into text', () => {
    const card = CardNumber.parse('4242424242424242');
    for (const text of [String(card), `${card}`, JSON.stringify(card), JSON.stringify({ card }), inspect(card), inspect({ card })]) {
      assert.ok(!text.includes('4242424242424242'), text);
    }
    assert.ok(String(card).endsWith('4242'));
  });
});
