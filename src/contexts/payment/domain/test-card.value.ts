import type { CardNumber } from './card-number.value.js';

/** How the simulated provider treats a card (Stripe's well-known test numbers). */
export type CardBehaviour = 'APPROVE' | 'DECLINE' | 'TRANSIENT_FAILURE' | 'REQUIRES_CONFIRMATION' | 'SLOW_APPROVE';

export const TEST_CARD_BEHAVIOURS: ReadonlyMap<string, CardBehaviour> = new Map<string, CardBehaviour>([
  ['4242424242424242', 'APPROVE'],
  ['4000000000000002', 'DECLINE'],
  ['4000000000000119', 'TRANSIENT_FAILURE'],
  ['4000000000003220', 'REQUIRES_CONFIRMATION'],
  ['4000000000000077', 'SLOW_APPROVE'],
]);

/** Any other valid number is declined: the simulator never approves a card it does not know. */
export function behaviourOf(card: CardNumber): CardBehaviour | undefined {
  return TEST_CARD_BEHAVIOURS.get(card.reveal());
}
