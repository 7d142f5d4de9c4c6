import type { Server } from 'node:http';
import { ConfigError, EXIT, RefusalError, loadConfig, loadDotEnv, type Config } from './config';
import { webhookDoors } from './channels/doors';
import { acquireWriterLock } from './data-safety/writer-lock';
import { createGateway, type Gateway } from './gateway';
import { createServerLogger } from './lib/logger';

function start(): void {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createServerLogger(config.LOG_LEVEL);
  if (config.usingDevelopmentPhoneKey) {
    logger.warn('PHONE_KEY is not set: phone numbers are encrypted with the built-in development key. Set PHONE_KEY before real use.');
  }
  const doors = webhookDoors(config);
  if (doors.africastalking === 'open_for_simulators') {
    logger.warn("AT_WEBHOOK_TOKEN is not set: the Africa's Talking routes accept requests without a token, for the simulators (development with the console provider only).");
  }
  let gateway: Gateway;
  let releaseLock = () => {};
  try {
    releaseLock = acquireWriterLock(config.DATABASE_PATH, 'gateway');
    gateway = createGateway(config, { logger });
  } catch (error) {
    releaseLock();
    const refusal = asRefusal(error, config.DATABASE_PATH);
    if (!refusal) throw error;
    console.error(refusal.message);
    process.exit(refusal.exitCode);
  }
  process.on('exit', () => releaseLock());
  gateway.start();

  const server: Server = gateway.app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info({ port, host: config.HOST, provider: config.SMS_PROVIDER, database: config.DATABASE_PATH }, 'gateway listening');
  });
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    logger.flush(() => process.exit(1));
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing those in flight');
    const force = setTimeout(() => {
      logger.warn('in-flight requests did not finish in 10 s; closing anyway');
      server.closeAllConnections();
    }, 10_000);
    force.unref();
    server.close(async () => {
      await gateway.close();
      logger.info('stopped');
      logger.flush(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/**
 * A start that cannot go on for a reason the operator can fix: one line, and an exit code, instead of
 * a stack trace. Null for anything else (a bug: the stack is what helps then).
 */
function asRefusal(error: unknown, databasePath: string): RefusalError | null {
  if (error instanceof RefusalError) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_READONLY' || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new RefusalError(`The database ${databasePath} cannot be written (${code}): the gateway must be able to write it and its folder (check the owner, the permissions and that the disk is not mounted read-only).`, EXIT.ioError);
  }
  if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') return new RefusalError(`The database ${databasePath} cannot be created there (${code}): DATABASE_PATH must name a file in a folder.`, EXIT.cantCreate);
  if (code === 'SQLITE_CANTOPEN') return new RefusalError(`The database ${databasePath} cannot be opened (${code}): check that its folder exists and is writable.`, EXIT.cantCreate);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new RefusalError(`The disk holding ${databasePath} is full (${code}): free space, then start again.`, EXIT.ioError);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return new RefusalError(`The database ${databasePath} is damaged or not a database (${code}): restore it from a backup (README, "Backups").`, EXIT.ioError);
  return null;
}

start();
