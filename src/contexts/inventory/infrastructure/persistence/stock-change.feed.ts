import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import pg from 'pg';
import type { Logger } from '../../../../shared/infrastructure/logger.js';
import { STOCK_CHANGED_CHANNEL } from './migrations/002-notify-stock-changes.js';

/** Wait before LISTENing again after the connection dropped. */
const RECONNECT_MS = 500;

/**
 * This instance's view of "has the catalog changed?": a version that moves on every committed
 * change to products (NOTIFY from the 002 migration's trigger, whichever instance or tool made
 * it), and also whenever the LISTEN connection drops, since changes may have been missed then.
 * Readers compare versions; the value itself means nothing (it starts with a per-process id).
 */
export class StockChangeFeed {
  private readonly boot = randomUUID().slice(0, 8);
  private counter = 0;
  private client: pg.Client | undefined;
  private listening = false;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  /** A feed on the database this knex talks to (its own connection: LISTEN holds one for good). */
  static on(knex: Knex, logger: Logger): StockChangeFeed {
    const connection = (knex.client as { config: { connection: { connectionString: string } } }).config.connection;
    return new StockChangeFeed(connection.connectionString, logger);
  }

  /** Undefined while not listening: then nobody can tell whether the catalog changed. */
  get version(): string | undefined {
    return this.listening ? `${this.boot}.${this.counter}` : undefined;
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'sagashop-stock-feed' });
    this.client = client;
    client.on('notification', () => this.counter++);
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${STOCK_CHANGED_CHANNEL}`);
      this.counter++;
      this.listening = true;
    } catch (error) {
      this.lost(client, error);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.listening = false;
    await this.client?.end().catch(() => undefined);
  }

  private lost(client: pg.Client, error?: unknown): void {
    if (client !== this.client) return;
    this.listening = false;
    this.counter++;
    this.client = undefined;
    void client.end().catch(() => undefined);
    if (this.closed) return;
    this.logger.warn({ err: error }, 'stock-change LISTEN lost; reconnecting');
    this.retry = setTimeout(() => void this.start(), RECONNECT_MS);
  }
}
