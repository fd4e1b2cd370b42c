import type { CardNumber } from './card-number.value.js';

/** How the simulated provider treats a card (Stripe's well-known test numbers). */
export type CardBehaviour = 'APPROVE' | 'DECLINE' | 'TRANSIENT_FAILURE' | 'REQUIRES_CONFIRMATION' | 'SLOW_APPROVE';

/**
 * The simulated provider's cards (Stripe's test numbers), declared once: the simulator reads
 * their behaviour from here and the contract publishes them (the storefront lists them, tests
 * pay with them). Any other valid number is declined.
 */
export const TEST_CARDS = {
  APPROVE: {
    number: '4242424242424242',
    label: 'Visa: approved',
    behaviour: 'APPROVE',
  },
  DECLINE: {
    number: '4000000000000002',
    label: 'Visa: declined',
    behaviour: 'DECLINE',
  },
  TRANSIENT_FAILURE: {
    number: '4000000000000119',
    label: 'Visa: provider unavailable (retry may succeed)',
    behaviour: 'TRANSIENT_FAILURE',
  },
  REQUIRES_CONFIRMATION: {
    number: '4000000000003220',
    label: 'Visa: requires confirmation (3-D Secure)',
    behaviour: 'REQUIRES_CONFIRMATION',
  },
  SLOW_APPROVE: {
    number: '4000000000000077',
    label: 'Visa: approved after a delay',
    behaviour: 'SLOW_APPROVE',
  },
} as const satisfies Record<string, { number: string; label: string; behaviour: CardBehaviour }>;
export type TestCard = (typeof TEST_CARDS)[keyof typeof TEST_CARDS];

export const TEST_CARD_BEHAVIOURS: ReadonlyMap<string, CardBehaviour> = new Map<string, CardBehaviour>(
  Object.values(TEST_CARDS).map((card) => [card.number, card.behaviour]),
);

/** Any other valid number is declined: the simulator never approves a card it does not know. */
export function behaviourOf(card: CardNumber): CardBehaviour | undefined {
  return TEST_CARD_BEHAVIOURS.get(card.reveal());
}
