/** Operator CLI: `npm run cli -- <command>`; every command has --help. */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ImportError, importAreasCsv, type ImportResult } from '../src/areas/area-import';
import { createContactRepository } from '../src/contacts/contact-repository';
import { importContactsCsv } from '../src/contacts/contact-import';
import { createPhoneVault } from '../src/contacts/phone-vault';
import { createAreaDirectory } from '../src/areas/area-directory';
import { createOutbox } from '../src/broadcast/outbox-repository';
import { loadContent } from '../src/flows/content';
import { exportReports } from '../src/reports/report-export';
import { createReportService } from '../src/reports/report-service';
import { createAuditLog } from '../src/api/audit-log';
import { ROLES, createTokenService, type Role } from '../src/api/token-service';
import { ConfigError, loadConfig, loadDotEnv } from '../src/config';
import { openDatabase, runMigrations } from '../src/db/client';
import { systemClock } from '../src/lib/clock';

function openStore() {
  loadDotEnv();
  const config = loadConfig();
  const db = openDatabase(config.DATABASE_PATH, { synchronous: config.SQLITE_SYNCHRONOUS });
  runMigrations(db);
  return { config, db };
}

/** Runs one all-or-nothing CSV import and prints its counts, or every problem (exit code 1). */
function runImport(label: string, file: string, load: (store: ReturnType<typeof openStore>, csv: string) => ImportResult): void {
  const store = openStore();
  try {
    const result = load(store, readFileSync(file, 'utf8'));
    console.log(`${label}: ${result.inserted} added, ${result.updated} updated, ${result.unchanged} unchanged`);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    store.db.$client.close();
  }
}

export function buildCli(): Command {
  const program = new Command('cli').description('Peace gateway operator commands').showHelpAfterError();

  const token = program.command('token').description('coordinator API tokens');
  token
    .command('create')
    .description('create an API token and print it once (only its hash is stored)')
    .requiredOption('--name <name>', 'who or what the token is for, e.g. "Nakuru coordinator"')
    .addOption(new Option('--role <role>', 'what the token may do').choices(ROLES as string[]).makeOptionMandatory())
    .option('--area <code>', 'limit the token to this area and everything below it', (value) => {
      if (!/^[\w.-]{1,40}$/.test(value)) throw new InvalidArgumentError('an area code is letters, digits, dot, dash or underscore');
      return value;
    })
    .action((options: { name: string; role: Role; area?: string }) => {
      const { db } = openStore();
      const tokens = createTokenService({ db, clock: systemClock });
      const created = tokens.create({ name: options.name, role: options.role, areaCode: options.area ?? null });
      createAuditLog({ db, clock: systemClock }).record({ actor: 'cli', action: 'token_create', subject: created.id, detail: `${options.role} ${options.area ?? '*'}` });
      db.$client.close();
      console.log(created.token);
      console.error(`Token for "${options.name}" (${options.role}${options.area ? `, area ${options.area}` : ''}). It is shown only this once.`);
    });

  const importCommand = program.command('import').description('load reference data from CSV files');
  importCommand
    .command('areas')
    .description('import areas from CSV (code,name,parent_code,level,aliases; aliases separated by |); re-import updates by code')
    .argument('<file>', 'CSV file, e.g. scripts/sample-data/areas-kenya.csv')
    .action((file: string) => runImport('areas', file, ({ db }, csv) => importAreasCsv(db, systemClock, csv)));

  importCommand
    .command('contacts')
    .description('import people from CSV (phone,name,role,area_code,language); role is reporter, monitor, member, chair or coordinator; re-import updates by phone')
    .argument('<file>', 'CSV file')
    .action((file: string) =>
      runImport('contacts', file, ({ config, db }, csv) =>
        importContactsCsv(db, createContactRepository({ db, vault: createPhoneVault(config.PHONE_KEY), clock: systemClock }), config.DEFAULT_COUNTRY, csv),
      ),
    );

  program
    .command('reports')
    .description('reports')
    .command('export')
    .description('write reports to stdout (oldest first); descriptions decrypted, reporters never included')
    .option('--since <date>', 'only reports received on or after this date (YYYY-MM-DD or ISO time)', (value) => {
      if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('a date such as 2026-11-01');
      return new Date(value).toISOString();
    })
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .action((options: { since?: string; format: 'csv' | 'json' }) => {
      const { config, db } = openStore();
      const vault = createPhoneVault(config.PHONE_KEY);
      const contacts = createContactRepository({ db, vault, clock: systemClock });
      const outbox = createOutbox({ db, vault, clock: systemClock, provider: 'console' });
      const reportService = createReportService({ db, vault, clock: systemClock, outbox, contacts, content: loadContent(config.FLOWS_DIR), audit: createAuditLog({ db, clock: systemClock }) });
      for (const chunk of exportReports({ db, reports: reportService, areas: createAreaDirectory({ db }) }, options)) process.stdout.write(chunk);
      createAuditLog({ db, clock: systemClock }).record({ actor: 'cli', action: 'reports_export', detail: `${options.format} since ${options.since ?? 'the start'}` });
      db.$client.close();
    });

  return program;
}

if (require.main === module) {
  try {
    buildCli().parse(process.argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}
