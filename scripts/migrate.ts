/** `npm run db:migrate`: applies the migrations to DATABASE_PATH and exits. */
import { loadConfig, loadDotEnv } from '../src/config';
import { openDatabase, runMigrations } from '../src/db/client';

loadDotEnv();
const config = loadConfig();
const db = openDatabase(config.DATABASE_PATH, { synchronous: config.SQLITE_SYNCHRONOUS });
runMigrations(db);
db.$client.close();
console.log(`migrations applied to ${config.DATABASE_PATH}`);
