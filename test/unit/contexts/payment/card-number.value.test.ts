import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { CardNumber } from '../../../../src/contexts/payment/domain/card-number.value.js';
import { passesLuhn } from '../../../../src/shared/kernel/luhn.js';
import { TEST_CARDS } from '../../../../src/contexts/payment/contract.js';

const APPROVE = TEST_CARDS.APPROVE.number;
const DECLINE = TEST_CARDS.DECLINE.number;
/** The same number with another last digit: the one check digit Luhn allows is gone. */
const wrongCheckDigit = (number: string) => number.slice(0, -1) + String((Number(number.slice(-1)) + 1) % 10);

describe('payment domain: CardNumber', () => {
  it('implements the Luhn check', () => {
    for (const valid of [APPROVE, DECLINE, '5555555555554444', '378282246310005', '79927398713']) {
      assert.equal(passesLuhn(valid), true, valid);
    }
    for (const invalid of [wrongCheckDigit(APPROVE), wrongCheckDigit(DECLINE), '79927398710', '1234567812345678']) {
      assert.equal(passesLuhn(invalid), false, invalid);
    }
  });

  it('every published test card is a valid number', () => {
    for (const card of Object.values(TEST_CARDS)) assert.doesNotThrow(() => CardNumber.parse(card.number), card.label);
  });

  it('strips spaces and dashes', () => {
    assert.equal(CardNumber.parse(APPROVE.replace(/(\d{4})(?=\d)/g, '$1 ')).reveal(), APPROVE);
    assert.equal(CardNumber.parse(APPROVE.replace(/(\d{4})(?=\d)/g, '$1-')).reveal(), APPROVE);
  });

  const rejected: [string, string][] = [
    ['letters', `${APPROVE.slice(0, 4)}abcd${APPROVE.slice(8)}`],
    ['bad Luhn', wrongCheckDigit(APPROVE)],
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
    assert.deepEqual(CardNumber.parse(APPROVE).summary(), { last4: APPROVE.slice(-4), brand: 'visa' });
    assert.deepEqual(CardNumber.parse('5555555555554444').summary(), { last4: '4444', brand: 'mastercard' });
    assert.deepEqual(CardNumber.parse('2223003122003222').summary(), { last4: '3222', brand: 'mastercard' });
    assert.deepEqual(CardNumber.parse('378282246310005').summary(), { last4: '0005', brand: 'amex' });
    assert.deepEqual(CardNumber.parse('6011111111111117').summary(), { last4: '1117', brand: 'discover' });
  });

  it('never prints the full number, however it is turned into text', () => {
    const card = CardNumber.parse(APPROVE);
    // String() converts as a template literal does (both call ToString on the object).
    for (const text of [String(card), card.toString(), JSON.stringify(card), JSON.stringify({ card }), inspect(card), inspect({ card })]) {
      assert.ok(!text.includes(APPROVE), text);
    }
    assert.ok(String(card).endsWith(APPROVE.slice(-4)));
  });
});
