import type { AuthorizationOutcome, AuthorizationRequest, CardProvider } from './card.provider.js';
import type { Sleeper } from './delay.sleeper.js';
import type { RandomSource } from './random.source.js';
import type { SimulatorSettingsStore } from './simulator-settings.store.js';

/**
 * The simulated card provider: a fixed behaviour per test card, tuned by the live settings.
 * Time and chance come in through ports, so every branch is testable without waiting or luck.
 */
export class CardSimulator implements CardProvider {
  constructor(
    private readonly settings: SimulatorSettingsStore,
    private readonly random: RandomSource,
    private readonly sleeper: Sleeper,
  ) {}

  async authorize(request: AuthorizationRequest): Promise<AuthorizationOutcome> {
    const settings = await this.settings.current();
    switch (request.paymentMethod.simulatedBehaviour) {
      case 'APPROVE':
        return { kind: 'APPROVED' };
      case 'DECLINE':
        return { kind: 'DECLINED', reason: 'generic decline' };
      case 'REQUIRES_CONFIRMATION':
        return { kind: 'REQUIRES_CONFIRMATION' };
      case 'SLOW_APPROVE':
        await this.sleeper.sleep(settings.slowCardDelayMs);
        return { kind: 'APPROVED' };
      case 'TRANSIENT_FAILURE': {
        const fixed = settings.transientFailuresBeforeSuccess;
        const fails = fixed !== null ? request.attempt <= fixed : this.random.next() < settings.transientFailureRate;
        return fails ? { kind: 'TRANSIENT_FAILURE', reason: 'provider unavailable (simulated)' } : { kind: 'APPROVED' };
      }
      case null:
        return { kind: 'DECLINED', reason: 'unknown test card' };
    }
  }
}
