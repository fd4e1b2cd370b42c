/**
 * The simulated provider's cards, as GET /api/test-cards lists them. Used only when that call
 * fails, so the checkout still shows the cards to try.
 */
import type { TestCard } from './api-types.js';

export const FALLBACK_TEST_CARDS: TestCard[] = [
  { number: '4242424242424242', label: 'Visa: approved', behaviour: 'APPROVE' },
  { number: '4000000000000002', label: 'Visa: declined', behaviour: 'DECLINE' },
  { number: '4000000000000119', label: 'Visa: provider unavailable (retry may succeed)', behaviour: 'TRANSIENT_FAILURE' },
  { number: '4000000000003220', label: 'Visa: requires confirmation (3-D Secure)', behaviour: 'REQUIRES_CONFIRMATION' },
  { number: '4000000000000077', label: 'Visa: approved after a delay', behaviour: 'SLOW_APPROVE' },
];

/** What happens with each card, in a sentence the checkout shows under its label. */
export const CARD_HINTS: Record<string, string> = {
  APPROVE: 'Payment goes through and the order is confirmed.',
  DECLINE: 'The bank declines: watch the saga undo the order.',
  TRANSIENT_FAILURE: 'The provider fails; the saga retries, then compensates.',
  REQUIRES_CONFIRMATION: 'You will be asked to confirm the payment (3-D Secure).',
  SLOW_APPROVE: 'Approved after a delay: time to try the Cancel button.',
};

/** "4242 4242 4242 4242" */
export function groupCardNumber(number: string): string {
  return number.replace(/\s+/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}
