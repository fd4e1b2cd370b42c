import type { Knex } from 'knex';
import type { SimulatorSettingsStore } from '../../domain/simulator-settings.store.js';
import { SimulatorSettings } from '../../domain/simulator-settings.value.js';

interface SettingsRow {
  id: number;
  transient_failure_rate: number;
  transient_failures_before_success: number | null;
  slow_card_delay_ms: number;
  updated_at: Date;
}

const ROW_ID = 1;

/**
 * The simulator settings in the payment database (one row): every payment process sees a change
 * at its next charge. The first process to need them seeds the row with its start-up values
 * (PAYMENT_* env); later processes and restarts keep what is stored.
 */
export class ObjectionSimulatorSettingsStore implements SimulatorSettingsStore {
  private seeded?: Promise<void>;

  constructor(
    private readonly knex: Knex,
    private readonly initial: SimulatorSettings,
  ) {}

  async current(): Promise<SimulatorSettings> {
    await this.seed();
    const row = await this.knex<SettingsRow>('simulator_settings').where({ id: ROW_ID }).first();
    if (!row) throw new Error('simulator_settings has no row after seeding');
    return toSettings(row);
  }

  async update(change: (current: SimulatorSettings) => SimulatorSettings): Promise<SimulatorSettings> {
    await this.seed();
    // Row lock: two concurrent patches of different fields both land.
    return this.knex.transaction(async (trx) => {
      const row = await trx<SettingsRow>('simulator_settings').where({ id: ROW_ID }).forUpdate().first();
      if (!row) throw new Error('simulator_settings has no row after seeding');
      const next = change(toSettings(row));
      await trx('simulator_settings').where({ id: ROW_ID }).update(toRow(next));
      return next;
    });
  }

  private seed(): Promise<void> {
    this.seeded ??= this.knex('simulator_settings')
      .insert(toRow(this.initial))
      .onConflict('id')
      .ignore()
      .then(
        () => undefined,
        (error: unknown) => {
          this.seeded = undefined;
          throw error;
        },
      );
    return this.seeded;
  }
}

function toSettings(row: SettingsRow): SimulatorSettings {
  return SimulatorSettings.of({
    transientFailureRate: Number(row.transient_failure_rate),
    transientFailuresBeforeSuccess: row.transient_failures_before_success,
    slowCardDelayMs: row.slow_card_delay_ms,
  });
}

function toRow(settings: SimulatorSettings): SettingsRow {
  return {
    id: ROW_ID,
    transient_failure_rate: settings.transientFailureRate,
    transient_failures_before_success: settings.transientFailuresBeforeSuccess,
    slow_card_delay_ms: settings.slowCardDelayMs,
    updated_at: new Date(),
  };
}
