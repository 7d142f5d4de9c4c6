/** The durable peer for bench:ussd: ussd-menu-builder with SQLite sessions and the report stored. */
import { createDurableMenuBuilderApp } from './ussd-five-screens';

createDurableMenuBuilderApp(process.env.DATABASE_PATH!).listen(Number(process.env.PORT), '127.0.0.1');
