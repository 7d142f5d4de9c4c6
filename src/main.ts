import type { Server } from 'node:http';
import { ConfigError, loadConfig, loadDotEnv, webhookDoors, type Config } from './config';
import { createGateway } from './gateway';
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
  const gateway = createGateway(config, { logger });
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

start();
