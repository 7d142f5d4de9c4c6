/** Operator CLI: `npm run cli -- <command>`; every command has --help. */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { ImportError, importAreasCsv, type ImportResult } from '../src/areas/area-import';
import { importContactsCsv } from '../src/contacts/contact-import';
import { createPhoneVault } from '../src/contacts/phone-vault';
import { loadContent } from '../src/flows/content';
import { exportReports, stripControlCharacters } from '../src/reports/report-export';
import { createAuditLog } from '../src/access/audit-log';
import { ROLES, type Role } from '../src/access/token-service';
import { ConfigError, RefusalError, loadConfig, loadDotEnv } from '../src/config';
import { rotateKey } from '../src/data-safety/key-rotation';
import { acquireWriterLock } from '../src/data-safety/writer-lock';
import { backupDatabase } from '../src/data-safety/backup';
import { parseAddress } from '../src/contacts/phone-number';
import { openDatabase, runMigrations } from '../src/db/client';
import { systemClock } from '../src/lib/clock';
import { createInterface } from 'node:readline/promises';
import { SingleBar, Presets } from 'cli-progress';
import { BroadcastError, type BroadcastPreview, type BroadcastService } from '../src/broadcast/broadcast-service';
import { AUDIENCE_ROLES } from '../src/broadcast/audience';
import { LANGUAGES } from '../src/config';
import { createLogger } from '../src/lib/logger';
import { createGateway } from '../src/gateway';
import { openStore as openGatewayStore, wireBroadcasts, wireOutbox, wireRecords, wireReports, wireRouting } from '../src/wiring';

/**
 * The database (migrated, refused when PHONE_KEY is not its key) and the records every command
 * works on, wired as the running gateway wires them (src/wiring.ts).
 */
function openStore() {
  loadDotEnv();
  const store = openGatewayStore(loadConfig());
  return { ...store, ...wireRecords(store) };
}

/** A file the operator named, or one clear line (exit 66) when it cannot be read. */
function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : String(code ?? error);
    throw new RefusalError(`Cannot read ${file}: ${why}.`, 66);
  }
}

/** Runs one all-or-nothing CSV import and prints its counts, or every problem (exit code 1). */
function runImport(label: string, file: string, load: (store: ReturnType<typeof openStore>, csv: string) => ImportResult): void {
  const csv = readInput(file);
  const store = openStore();
  try {
    const result = load(store, csv);
    console.log(`${label}: ${result.inserted} added, ${result.updated} updated, ${result.unchanged} unchanged`);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    store.db.$client.close();
  }
}

/** Broadcasts as the gateway makes them: split over the configured channels by SMS_ROUTES. */
function openBroadcasts(store: ReturnType<typeof openStore>): BroadcastService {
  return wireBroadcasts(store, store, wireRouting(store.config), createLogger('silent'));
}

/**
 * Asks on the terminal (or reads the answer from a pipe). With no answer to read (no terminal, input
 * closed) it refuses clearly instead of ending silently.
 */
async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  const closed = new Promise<null>((resolve) => rl.once('close', () => resolve(null)));
  const answer = await Promise.race([rl.question(question), closed]);
  rl.close();
  if (answer === null) throw new RefusalError('\nNo answer (no terminal, or input closed): add --yes to go ahead without asking.', 64);
  return answer.trim().toLowerCase() === 'yes';
}

function printPreview(preview: BroadcastPreview): void {
  const n = (value: number) => value.toLocaleString('en-US');
  console.log(`Recipients: ${n(preview.recipients)} (${preview.areas.map((a) => `${a.name} ${n(a.recipients)}`).join(', ')})`);
  for (const l of preview.languages) {
    const fallback = l.textLanguage !== l.language ? ` (gets the ${l.textLanguage} text)` : '';
    const nonGsm = l.nonGsmCharacters.length ? `; not GSM-7: ${l.nonGsmCharacters.join(' ')}` : '';
    console.log(`  ${l.language}: ${n(l.recipients)} people${fallback}, ${l.encoding}, ${l.segments} SMS each${nonGsm}`);
    console.log(`      "${l.text}"`);
  }
  console.log(`Total: ${n(preview.totalSegments)} SMS segments, about ${preview.estimatedCost.amount.toFixed(2)} ${preview.estimatedCost.currency}`);
  if (preview.channels.length > 1) {
    console.log(`By channel: ${preview.channels.map((c) => `${c.channel} ${n(c.recipients)} people, ${n(c.segments)} SMS (~${c.estimatedCost.toFixed(2)})`).join('; ')}`);
  }
}

/** Follows a broadcast until it is over, as a progress bar (sent, failed, unknown of all recipients). */
async function followProgress(broadcasts: BroadcastService, id: string): Promise<void> {
  const over = (status: string) => status === 'done' || status === 'cancelled' || status === 'expired';
  const first = broadcasts.describe(broadcasts.find(id)!);
  if (over(first.status)) {
    // Already over: the summary says it all (a bar would start at 0%).
    if (first.summary) console.log(`${first.ref} ${first.status}: ${first.summary.reached} sent (${first.summary.delivered} delivered), ${first.summary.failed} failed, ${first.summary.unknown} unknown, ${first.summary.notSent} not sent`);
    return;
  }
  const bar = new SingleBar({ format: 'Sending [{bar}] {percentage}% | {value}/{total} | failed {failed} | unknown {unknown} | {state}', hideCursor: true, noTTYOutput: true, notTTYSchedule: 2000 }, Presets.shades_classic);
  let view = broadcasts.describe(broadcasts.find(id)!);
  bar.start(Math.max(view.recipients, 1), 0, { failed: 0, unknown: 0, state: view.status });
  let quietSince = Date.now();
  let last = -1;
  while (view.status !== 'done' && view.status !== 'cancelled' && view.status !== 'expired') {
    await new Promise((resolve) => setTimeout(resolve, 500));
    view = broadcasts.describe(broadcasts.find(id)!);
    const p = view.progress;
    const finished = p.sent + p.delivered + p.failed + p.unknown + p.cancelled;
    if (finished !== last) quietSince = Date.now();
    last = finished;
    bar.setTotal(Math.max(view.recipients, 1));
    bar.update(finished, { failed: p.failed, unknown: p.unknown, state: Date.now() - quietSince > 15_000 ? 'waiting: is the gateway (npm start) running?' : view.status });
  }
  bar.stop();
  const summary = view.summary;
  if (summary) console.log(`${view.ref} ${view.status}: ${summary.reached} sent (${summary.delivered} delivered), ${summary.failed} failed, ${summary.unknown} unknown, ${summary.notSent} not sent`);
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
    .option('--expires <days>', 'the token stops working after this many days (default: until revoked)', (value) => {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 3650) throw new InvalidArgumentError('a number of days from 1 to 3650');
      return Number(value);
    })
    .action((options: { name: string; role: Role; area?: string; expires?: number }) => {
      const store = openStore();
      const { db } = store;
      const tokens = store.tokens;
      const created = tokens.create({ name: options.name, role: options.role, areaCode: options.area ?? null, expiresInDays: options.expires });
      store.audit.record({ actor: 'cli', action: 'token_create', subject: created.id, detail: `${options.role} ${options.area ?? '*'}` });
      db.$client.close();
      console.log(created.token);
      const expiry = created.expiresAt ? `, expires ${created.expiresAt}` : '';
      console.error(`Token ${created.id} for "${options.name}" (${options.role}${options.area ? `, area ${options.area}` : ''}${expiry}). It is shown only this once.`);
    });

  token
    .command('list')
    .description('list every API token (never the token itself): id, name, role, area, state, last use')
    .action(() => {
      const store = openStore();
      const { db } = store;
      const rows = store.tokens.list();
      db.$client.close();
      if (rows.length === 0) {
        console.log('No tokens. Create one: npm run cli -- token create --name NAME --role admin|coordinator|viewer [--area CODE]');
        return;
      }
      const table = rows.map((t) => [t.id, stripControlCharacters(t.name), t.role, t.area ?? '*', t.state, t.expiresAt ?? '-', t.lastUsedAt ?? 'never']);
      const header = ['id', 'name', 'role', 'area', 'state', 'expires', 'last used'];
      const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
      for (const row of [header, ...table]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
    });

  token
    .command('revoke')
    .description('revoke an API token at once: its next request gets 401')
    .argument('<id>', 'the token id (from token list)')
    .action((id: string) => {
      const store = openStore();
      const { db } = store;
      const outcome = store.tokens.revoke(id);
      if (outcome === 'revoked') store.audit.record({ actor: 'cli', action: 'token_revoke', subject: id });
      db.$client.close();
      if (outcome === 'not_found') {
        console.error(`No token ${id}. See: npm run cli -- token list`);
        process.exitCode = 1;
        return;
      }
      console.log(outcome === 'revoked' ? `Token ${id} revoked.` : `Token ${id} was already revoked.`);
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
      runImport('contacts', file, ({ config, db, contacts }, csv) => importContactsCsv(db, contacts, config.DEFAULT_COUNTRY, csv)),
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
    .option('--out <file>', 'write to this file (created readable by you only) instead of stdout')
    .action((options: { since?: string; format: 'csv' | 'json'; out?: string }) => {
      const store = openStore();
      const { config, db } = store;
      let fd: number | null = null;
      if (options.out) {
        try {
          fd = openSync(options.out, 'wx', 0o600);
        } catch (error) {
          db.$client.close();
          const code = (error as NodeJS.ErrnoException).code;
          throw new RefusalError(`Cannot write ${options.out}: ${code === 'EEXIST' ? 'it exists (an export never overwrites a file)' : String(code)}.`, 73);
        }
      }
      const write = (chunk: string) => (fd === null ? process.stdout.write(chunk) : writeSync(fd, chunk));
      const content = loadContent(config.FLOWS_DIR);
      const reportService = wireReports(store, store, { outbox: wireOutbox(store, wireRouting(config), content), content });
      for (const chunk of exportReports({ db, reports: reportService, areas: store.areas }, options)) write(chunk);
      store.audit.record({ actor: 'cli', action: 'reports_export', detail: `${options.format} since ${options.since ?? 'the start'}` });
      db.$client.close();
      if (fd !== null) {
        closeSync(fd);
        console.error(`Reports written to ${options.out}.`);
      }
    });

  program
    .command('digests')
    .description("committees' daily digests of non-urgent reports")
    .command('send')
    .description('queue every digest that is waiting (the running gateway sends them)')
    .requiredOption('--now', 'now, instead of at DIGEST_TIME')
    .action(async () => {
      loadDotEnv();
      const gateway = createGateway(loadConfig(), { logger: createLogger('silent') });
      try {
        const run = gateway.services.digests.sendPending();
        if (run.messages === 0) console.log('No reports waiting for a digest.');
        else console.log(`Digests: ${run.messages} SMS to ${run.committees} committees (${run.reports} reports); the running gateway sends them.`);
        createAuditLog({ db: gateway.db, clock: systemClock }).record({ actor: 'cli', action: 'digests_send', detail: `${run.reports} reports, ${run.messages} SMS` });
      } finally {
        await gateway.close();
      }
    });

  const keys = program.command('keys').description('the PHONE_KEY that encrypts numbers and texts');
  keys
    .command('rotate')
    .description('re-encrypt everything from PHONE_KEY to PHONE_KEY_NEW (gateway stopped); run again to resume after an interruption')
    .action(() => {
      loadDotEnv();
      const config = loadConfig();
      const next = config.PHONE_KEY_NEW;
      if (!next) throw new RefusalError('PHONE_KEY_NEW must be set to the new key: 32 bytes, base64-encoded (openssl rand -base64 32).', 78);
      const release = acquireWriterLock(config.DATABASE_PATH, 'key rotation');
      const db = openDatabase(config.DATABASE_PATH, { synchronous: 'FULL' });
      try {
        runMigrations(db);
        let last = '';
        const { rows } = rotateKey(db, createPhoneVault(config.PHONE_KEY), createPhoneVault(next), (p) => {
          const line = `${p.table}: ${p.done}/${p.total}`;
          if (line !== last) console.log(line);
          last = line;
        });
        console.log(`Rotated: ${rows} rows re-encrypted. Set PHONE_KEY to the new key (and remove PHONE_KEY_NEW) before starting the gateway; the old key no longer opens this database.`);
      } finally {
        db.$client.close();
        release();
      }
    });

  const contactsCommand = program.command('contacts').description('people known to the gateway');
  contactsCommand
    .command('erase')
    .description("erase a person on request: their number and every text they wrote or received; their reports stay without text")
    .argument('<phone>', 'their phone number (international or national format)')
    .option('--yes', 'do not ask for confirmation')
    .action(async (phone: string, options: { yes?: boolean }) => {
      const store = openStore();
      const { config, db } = store;
      try {
        const address = parseAddress(phone, config.DEFAULT_COUNTRY);
        const contact = address && store.contacts.findByAddress(address);
        if (!contact) {
          console.error('No contact with that number.');
          process.exitCode = 1;
          return;
        }
        if (!options.yes && !(await confirm(`Erase ${contact.pseudonym} and every text they wrote or received? This cannot be undone. Type yes: `))) {
          console.log('Nothing erased.');
          return;
        }
        const result = store.erasure.erase(contact.id, 'cli')!;
        console.log(`Erased ${result.formerPseudonym} (now ${result.pseudonym}): ${result.messages} messages without text (${result.cancelled} unsent cancelled), ${result.reports} reports kept without text, ${result.notes} notes, ${result.sessions} USSD sessions.`);
      } finally {
        db.$client.close();
      }
    });

  contactsCommand
    .command('list')
    .description('list people by area and role (pseudonym, name, role, area, language, state); never their numbers')
    .option('--area <code>', 'only this area and everything below it')
    .addOption(new Option('--role <role>', 'only this role').choices(['reporter', 'monitor', 'member', 'chair', 'coordinator']))
    .action((options: { area?: string; role?: string }) => {
      const store = openStore();
      const { db } = store;
      try {
        const areas = store.areas;
        const within = options.area ? new Set(areas.subtreeCodes(options.area)) : null;
        if (options.area && within!.size === 0) throw new RefusalError(`No area ${options.area}. See the areas you imported.`, 1);
        const rows = (db.$client.prepare("select pseudonym, name, role, area_code as area, language, opted_out_at as optedOut from contacts where phone_enc != '' order by area_code, role, name").all() as { pseudonym: string; name: string | null; role: string; area: string | null; language: string | null; optedOut: string | null }[])
          .filter((c) => (!options.role || c.role === options.role) && (!within || (c.area !== null && within.has(c.area))) && (options.role || options.area || c.role !== 'reporter'));
        if (rows.length === 0) {
          console.log('Nobody matches. (Reporters are listed only with --role reporter.)');
          return;
        }
        const table = rows.map((c) => [c.pseudonym, stripControlCharacters(c.name ?? '-'), c.role, c.area ?? '-', c.language ?? '-', c.optedOut ? 'opted out' : 'active']);
        const header = ['pseudonym', 'name', 'role', 'area', 'language', 'state'];
        const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
        for (const row of [header, ...table]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
      } finally {
        db.$client.close();
      }
    });

  contactsCommand
    .command('remove')
    .description('take someone off their committee or role (they become a reporter with no area; their history stays)')
    .argument('<who>', 'their pseudonym (from contacts list) or phone number')
    .action((who: string) => {
      const store = openStore();
      const { config, db } = store;
      try {
        const repository = store.contacts;
        const address = /^C-/.test(who) ? null : parseAddress(who, config.DEFAULT_COUNTRY);
        const contact = address ? repository.findByAddress(address) : repository.findByPseudonym(who);
        if (!contact || contact.phoneEnc === '') throw new RefusalError(`No contact ${who}. See: npm run cli -- contacts list`, 1);
        if (contact.role === 'reporter' && !contact.areaCode) {
          console.log(`${contact.pseudonym} has no committee or role: nothing to change.`);
          return;
        }
        repository.removeDuty(contact.id);
        store.audit.record({ actor: 'cli', action: 'contact_remove', subject: contact.pseudonym, detail: `was ${contact.role} ${contact.areaCode ?? '-'}` });
        console.log(`${contact.pseudonym} (${stripControlCharacters(contact.name ?? 'no name')}) is no longer ${contact.role}${contact.areaCode ? ` of ${contact.areaCode}` : ''}: no more alerts or check-in reminders.`);
      } finally {
        db.$client.close();
      }
    });

  program
    .command('backup')
    .description('write a consistent, checked copy of the database to a new file (the gateway may keep running)')
    .argument('<file>', 'where to write it (must not exist)')
    .action((file: string) => {
      const store = openStore();
      const { db } = store;
      try {
        const summary = backupDatabase(db, file);
        console.log(`Backup ${summary.file}: integrity ok, ${summary.reports} reports, ${summary.messages} messages, ${summary.contacts} contacts, ${(summary.bytes / 1_048_576).toFixed(1)} MB. It needs PHONE_KEY to be read: keep the key apart from it.`);
      } finally {
        db.$client.close();
      }
    });

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const broadcast = program
    .command('broadcast')
    .description('compose, preview and send a broadcast (the running gateway sends it), or follow / cancel one')
    .option('--area <code>', 'area (with everything below it); repeat for several', collect)
    .addOption(new Option('--role <role>', 'who in those areas; repeat for several (default: all four)').choices(AUDIENCE_ROLES as unknown as string[]).argParser(collect))
    .addOption(new Option('--language <code>', 'only people with this language; repeat for several').choices(LANGUAGES as unknown as string[]).argParser(collect))
    .option('--reported-within <days>', 'also everyone who reported from those areas in the last N days', (value) => {
      if (!/^\d+$/.test(value)) throw new InvalidArgumentError('a number of days');
      return Number(value);
    })
    .option('--text <text>', 'the text (in the fallback language); placeholders {area} and {ref}');
  for (const language of LANGUAGES) broadcast.option(`--text-${language} <text>`, `the text for people whose language is ${language}`);
  broadcast
    .addOption(new Option('--fallback <language>', 'language of --text, sent to people whose language has no text').choices(LANGUAGES as unknown as string[]))
    .option('--urgent', 'a rapid alert: ahead of every bulk broadcast')
    .option('--at <time>', 'send later, at this ISO time (e.g. 2026-12-01T06:00:00Z)')
    .option('--yes', 'send without asking for confirmation')
    .option('--no-wait', 'do not follow the progress')
    .option('--status <ref>', 'follow a broadcast already made')
    .option('--cancel <ref>', 'cancel a broadcast: its unsent messages never go')
    .action(async (options: Record<string, unknown>) => {
      const store = openStore();
      const broadcasts = openBroadcasts(store);
      try {
        if (options.status || options.cancel) {
          const found = broadcasts.find(String(options.status ?? options.cancel));
          if (!found) throw new BroadcastError('invalid_broadcast', `no broadcast ${String(options.status ?? options.cancel)}`);
          if (options.cancel) {
            broadcasts.cancel(found);
            store.audit.record({ actor: 'cli', action: 'broadcast_cancel', subject: found.ref });
          }
          await followProgress(broadcasts, found.id);
          return;
        }
        const fallback = (options.fallback as string | undefined) ?? store.config.DEFAULT_LANGUAGE;
        const texts: Record<string, string> = {};
        if (options.text) texts[fallback] = String(options.text);
        for (const language of LANGUAGES) {
          const value = options[`text${language[0]!.toUpperCase()}${language.slice(1)}`];
          if (value) texts[language] = String(value);
        }
        const input = {
          audience: { areas: options.area ?? [], roles: options.role, languages: options.language, reportedWithinDays: options.reportedWithin },
          texts,
          fallbackLanguage: texts[fallback] ? fallback : undefined,
          urgent: options.urgent === true,
          scheduledAt: options.at,
        };
        const preview = broadcasts.preview(input);
        printPreview(preview);
        if (preview.recipients === 0) throw new BroadcastError('empty_audience', 'nobody in this audience: nothing to send');
        if (!options.yes && !(await confirm(`Send to ${preview.recipients.toLocaleString('en-US')} people? Type yes to send: `))) {
          console.log('Not sent.');
          return;
        }
        const { broadcast: created } = broadcasts.create(input, { source: 'cli', createdBy: 'cli' });
        store.audit.record({ actor: 'cli', action: 'broadcast_create', subject: created.ref, detail: created.audience });
        console.log(`Broadcast ${created.ref} ${created.status === 'scheduled' ? `scheduled for ${created.scheduledAt}` : 'created'}; the running gateway sends it. Follow it: npm run cli -- broadcast --status ${created.ref}`);
        if (options.wait !== false && created.status !== 'scheduled') await followProgress(broadcasts, created.id);
      } catch (error) {
        if (!(error instanceof BroadcastError)) throw error;
        console.error(error.message);
        process.exitCode = 1;
      } finally {
        store.db.$client.close();
      }
    });

  return program;
}

if (require.main === module) {
  buildCli()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(error.message);
        process.exit(78);
      }
      if (error instanceof RefusalError) {
        console.error(error.message);
        process.exit(error.exitCode);
      }
      throw error;
    });
}
