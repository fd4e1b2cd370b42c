import type Router from '@koa/router';
import { z } from 'zod';
import { DEFAULT_PORTS, logLevel, optionalUrl, parseConfig, port } from './config.js';
import { createHttpApp, type AppState } from './http/app.js';
import { listen, type RunningServer } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { createKnex, isDatabaseReachable, migrateLatest, type Knex, type Migration } from './persistence/database.js';
import { provideDatabase } from './persistence/provide-database.js';
import { takeOverSignals } from './signals.js';

export type ContextName = 'customer' | 'inventory' | 'order' | 'payment' | 'notification';

/** What one context's app provides; the runtime around it (config, db, http, shutdown) is shared. */
export interface ContextServiceDefinition {
  name: ContextName;
  migrations: readonly Migration[];
  /** Parses the app's env (its `<app>.config.ts`); without it, just contextConfigSchema(name). */
  loadConfig?: (env: NodeJS.ProcessEnv) => ContextConfig;
  /** Runs after migrations on every start; must be idempotent. */
  seed?: (knex: Knex, logger: Logger) => Promise<void>;
  /**
   * The composition root: builds the context's container on this knex and returns its routers,
   * plus anything it opened that must be closed on shutdown.
   */
  compose: (knex: Knex, logger: Logger, env: NodeJS.ProcessEnv) => ComposedService | Promise<ComposedService>;
}

export type ComposedService = Router<AppState>[] | { routers: Router<AppState>[]; dispose?: () => Promise<void> };

export interface RunningService {
  readonly name: ContextName;
  readonly url: string;
  readonly knex: Knex;
  readonly http: RunningServer;
  stop(): Promise<void>;
}

/** What every context service reads from its env; an app's own config may add to it. */
export type ContextConfig = z.output<ReturnType<typeof contextConfigSchema>>;

export function contextConfigSchema(name: ContextName) {
  const prefix = name.toUpperCase();
  return z
    .object({
      [`${prefix}_DATABASE_URL`]: optionalUrl,
      [`${prefix}_PORT`]: port(DEFAULT_PORTS[name]),
      HOST: z.string().default('127.0.0.1'),
      LOG_LEVEL: logLevel,
    })
    .transform((env) => ({
      databaseUrl: env[`${prefix}_DATABASE_URL`] as string | undefined,
      port: env[`${prefix}_PORT`] as number,
      host: env.HOST as string,
      logLevel: env.LOG_LEVEL as string,
    }));
}

export async function startContextService(
  definition: ContextServiceDefinition,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningService> {
  const config = definition.loadConfig?.(env) ?? parseConfig(contextConfigSchema(definition.name), env);
  const logger = createLogger(definition.name, config.logLevel);

  const database = await provideDatabase(
    `sagashop_${definition.name}`,
    config.databaseUrl,
    `${definition.name.toUpperCase()}_DATABASE_URL`,
    logger,
  );
  const knex = createKnex(database.url);
  let dispose: (() => Promise<void>) | undefined;
  try {
    const applied = await migrateLatest(knex, definition.migrations);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    await definition.seed?.(knex, logger);

    const composed = await definition.compose(knex, logger, env);
    const routers = Array.isArray(composed) ? composed : composed.routers;
    dispose = Array.isArray(composed) ? undefined : composed.dispose;
    const app = createHttpApp({
      logger,
      routers,
      ready: () => isDatabaseReachable(knex),
    });
    const http = await listen(app, config.port, config.host);
    logger.info({ url: http.url }, '%s service listening', definition.name);

    return {
      name: definition.name,
      url: http.url,
      knex,
      http,
      async stop() {
        await http.close();
        await dispose?.();
        await knex.destroy();
        await database.release();
      },
    };
  } catch (error) {
    await dispose?.();
    await knex.destroy();
    await database.release();
    throw error;
  }
}

/** Entry-point glue: start, then drain and close on SIGTERM/SIGINT; a start-up failure exits non-zero. */
export function runUntilSignalled(start: () => Promise<{ stop(): Promise<void> }>, label: string): void {
  start().then(
    (running) => {
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stderr.write(`${label}: ${signal} received, shutting down\n`);
        running.stop().then(
          () => process.exit(0),
          (error) => {
            process.stderr.write(`${label}: shutdown failed: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      takeOverSignals(shutdown);
    },
    (error) => {
      process.stderr.write(`${label} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
