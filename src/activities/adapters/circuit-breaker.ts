import { CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, BrokenCircuitError, type CircuitBreakerPolicy } from 'cockatiel';
import { RemoteServiceUnavailable } from '../../shared/infrastructure/http/json-client.js';
import type { Logger } from '../../shared/infrastructure/logger.js';
import { breakerState, breakerTransitions } from '../../shared/infrastructure/observability/metrics.js';

export interface BreakerSettings {
  /** Consecutive transient failures that open the breaker. */
  consecutiveFailures: number;
  /** How long the breaker stays open before letting one trial call through. */
  halfOpenAfterMs: number;
}

/** Thrown instead of calling a downstream whose breaker is open; carries when to try again. */
export class CircuitOpen extends Error {
  constructor(
    readonly service: string,
    readonly retryAfterMs: number,
  ) {
    super(`${service} circuit is open; next trial in ${retryAfterMs} ms`);
    this.name = 'CircuitOpen';
  }
}

export type BreakerStateName = 'closed' | 'open' | 'half-open' | 'isolated';

export interface BreakerSnapshot {
  service: string;
  state: BreakerStateName;
  openedAt?: string;
  retryAfterMs?: number;
  lastFailure?: string;
}

const STATE_NAMES: Record<CircuitState, BreakerStateName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

/** A client's property that can be called through the breaker (typed, so the proxy passes results on as `unknown`). */
function isMethod(value: unknown): value is (...args: unknown[]) => unknown {
  return typeof value === 'function';
}

/**
 * One breaker per downstream service, shared by every activity of this worker. Only transient
 * failures (unreachable, 5xx) count: a declined card is an answer, not a sick service.
 */
export class CircuitBreakers {
  private readonly breakers = new Map<string, { policy: CircuitBreakerPolicy; openedAt?: number; lastFailure?: string }>();

  constructor(
    private readonly settings: BreakerSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Wraps every method of `client` so calls go through `service`'s breaker. */
  protect<T extends object>(service: string, client: T): T {
    const entry = this.entry(service);
    return new Proxy(client, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (!isMethod(value)) return value;
        return async (...args: unknown[]) => {
          try {
            return await entry.policy.execute(() => value.apply(target, args));
          } catch (error) {
            if (error instanceof BrokenCircuitError) throw new CircuitOpen(service, this.retryAfterMs(service));
            throw error;
          }
        };
      },
    });
  }

  snapshot(): BreakerSnapshot[] {
    return [...this.breakers.entries()].map(([service, entry]) => {
      const state = STATE_NAMES[entry.policy.state];
      return {
        service,
        state,
        ...(state === 'closed'
          ? {}
          : { openedAt: entry.openedAt ? new Date(entry.openedAt).toISOString() : undefined, retryAfterMs: this.retryAfterMs(service) }),
        ...(entry.lastFailure ? { lastFailure: entry.lastFailure } : {}),
      };
    });
  }

  /** Time left until the breaker lets a trial call through (a small floor while half-open). */
  retryAfterMs(service: string): number {
    const entry = this.breakers.get(service);
    if (!entry?.openedAt) return 100;
    return Math.max(100, entry.openedAt + this.settings.halfOpenAfterMs - this.now());
  }

  private entry(service: string) {
    const entry = this.breakers.get(service);
    if (entry) return entry;
    const policy = circuitBreaker(
      handleWhen((error) => error instanceof RemoteServiceUnavailable),
      {
        halfOpenAfter: this.settings.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.settings.consecutiveFailures),
      },
    );
    const created: { policy: CircuitBreakerPolicy; openedAt?: number; lastFailure?: string } = { policy };
    // /metrics: one series per state (1 = current) and a counter of the states entered.
    const enter = (state: BreakerStateName, transition = true) => {
      for (const name of Object.values(STATE_NAMES)) breakerState.set({ service, state: name }, name === state ? 1 : 0);
      if (transition) breakerTransitions.inc({ service, to: state });
    };
    enter('closed', false);
    policy.onStateChange((state) => enter(STATE_NAMES[state]));
    policy.onFailure(({ reason }) => {
      if ('error' in reason) created.lastFailure = reason.error.message;
    });
    policy.onBreak(() => {
      created.openedAt = this.now();
      this.logger.warn(
        { service, breaker: 'open', retryAfterMs: this.settings.halfOpenAfterMs, lastFailure: created.lastFailure },
        'circuit breaker opened',
      );
    });
    policy.onHalfOpen(() => this.logger.info({ service, breaker: 'half-open' }, 'circuit breaker half-open: trial call allowed'));
    policy.onReset(() => {
      created.openedAt = undefined;
      this.logger.info({ service, breaker: 'closed' }, 'circuit breaker closed');
    });
    this.breakers.set(service, created);
    return created;
  }
}
