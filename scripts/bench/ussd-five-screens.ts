/**
 * The five-screen menu both sides of bench:ussd serve: main menu → category → when → description →
 * confirm, then the end screen. Written once as our flow YAML and once for ussd-menu-builder.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import helmet from 'helmet';
import UssdMenu from 'ussd-menu-builder';
import { parse, stringify } from 'yaml';
import { LANGUAGES } from '../../src/config';
import { FLOWS_FOLDER } from '../../src/flows/content';

/** What a caller types, hop by hop (text is cumulative on the wire). */
export const FIVE_SCREEN_INPUTS = ['1', '1', '2', 'Youths fighting near the market', '1'];

const all = (text: string) => Object.fromEntries(LANGUAGES.map((language) => [language, text]));

/** A flows folder with the shipped taxonomy and texts, and a five-screen ussd.yaml. */
export function writeFiveScreenFlows(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-flows-'));
  for (const file of ['taxonomy.yaml', 'keywords.yaml', 'replies.yaml', 'alert-rules.yaml']) copyFileSync(join(FLOWS_FOLDER, file), join(dir, file));
  const shipped = parse(readFileSync(join(FLOWS_FOLDER, 'ussd.yaml'), 'utf8')) as { messages: unknown; statuses: unknown };
  const flow = {
    start: 'main',
    resume: 'main',
    messages: shipped.messages,
    statuses: shipped.statuses,
    screens: {
      main: { type: 'menu', text: all('Peace Line'), options: [{ label: all('Report an incident'), next: 'category' }, { label: all('Help'), next: 'done' }] },
      category: { type: 'choice', text: all('What happened?'), choices: 'taxonomy', save: 'category', next: 'when' },
      when: {
        type: 'choice',
        text: all('When?'),
        save: 'when',
        choices: [
          { value: 'now', label: all('Now') },
          { value: 'today', label: all('Today') },
          { value: 'yesterday', label: all('Yesterday') },
        ],
        next: 'describe',
      },
      describe: { type: 'text', text: all('Say briefly what happened:'), min: 3, max: 160, save: 'description', next: 'confirm' },
      confirm: { type: 'confirm', text: all('Send report?'), yes: { label: all('Send'), next: 'done', effect: 'submit_report' }, no: { label: all('Cancel'), next: 'main' } },
      done: { type: 'end', text: all('Thank you. Report {ref} sent.') },
    },
  };
  writeFileSync(join(dir, 'ussd.yaml'), stringify(flow));
  return dir;
}

/** The same menu on ussd-menu-builder, with its default (no) session store, as its README shows. */
export function createMenuBuilderApp(): express.Express {
  const menu = new UssdMenu();
  menu.startState({ run: () => menu.con('Peace Line\n1 Report an incident\n2 Help'), next: { '1': 'category', '2': 'done' } });
  menu.state('category', {
    run: () => menu.con('What happened?\n1 Violence\n2 Threat\n3 Hate speech\n4 Land/water/border\n5 Ethnic/religious\n6 Election\n7 Gender-based violence\n8 Other'),
    next: { '*[1-8]': 'when' },
  });
  menu.state('when', { run: () => menu.con('When?\n1 Now\n2 Today\n3 Yesterday'), next: { '*[1-3]': 'describe' } });
  menu.state('describe', { run: () => menu.con('Say briefly what happened:'), next: { '*.{3,}': 'confirm' } });
  menu.state('confirm', { run: () => menu.con('Send report?\n1 Send\n2 Cancel'), next: { '1': 'done', '2': '__start__' } });
  menu.state('done', { run: () => menu.end('Thank you. Report K7Q2M sent.') });
  const app = express();
  app.post('/webhooks/africastalking/ussd', express.urlencoded({ extended: false }), (req, res) => {
    menu.run(req.body, (message: string) => res.type('text/plain').send(message));
  });
  return app;
}

/**
 * The durable peer (issue #17): the same menu on ussd-menu-builder with its sessions in SQLite (WAL,
 * synchronous=NORMAL, its documented sessionConfig hook) and the report stored, the description and
 * the caller's number encrypted with AES-256-GCM, as a gateway that keeps what it takes must.
 */
export function createDurableMenuBuilderApp(databasePath: string): express.Express {
  const db = new Database(databasePath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`create table if not exists sessions (session_id text not null, key text not null, value text, primary key (session_id, key));
    create table if not exists reports (id text primary key, phone_enc text not null, category text, happened text, description_enc text not null, created_at text not null)`);
  const put = db.prepare('insert into sessions (session_id, key, value) values (?, ?, ?) on conflict (session_id, key) do update set value = excluded.value');
  const read = db.prepare('select value from sessions where session_id = ? and key = ?').pluck();
  const drop = db.prepare('delete from sessions where session_id = ?');
  const insertReport = db.prepare('insert into reports (id, phone_enc, category, happened, description_enc, created_at) values (?, ?, ?, ?, ?, ?)');
  const key = randomBytes(32);
  const seal = (text: string) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  };

  const menu = new UssdMenu();
  menu.sessionConfig({
    start: (sessionId: string, callback: (error?: Error) => void) => {
      put.run(sessionId, '__started', '1');
      callback();
    },
    end: (sessionId: string, callback: (error?: Error) => void) => {
      drop.run(sessionId);
      callback();
    },
    set: (sessionId: string, name: string, value: unknown, callback: (error?: Error) => void) => {
      put.run(sessionId, name, String(value));
      callback();
    },
    get: (sessionId: string, name: string, callback: (error: Error | null, value?: unknown) => void) => {
      callback(null, read.get(sessionId, name));
    },
  });
  // Every answer is kept in the session as it comes; the report is stored on "Send".
  menu.startState({ run: () => menu.con('Peace Line\n1 Report an incident\n2 Help'), next: { '1': 'category', '2': 'done' } });
  menu.state('category', {
    run: () => menu.con('What happened?\n1 Violence\n2 Threat\n3 Hate speech\n4 Land/water/border\n5 Ethnic/religious\n6 Election\n7 Gender-based violence\n8 Other'),
    next: { '*[1-8]': 'when' },
  });
  menu.state('when', { run: () => void menu.session.set('category', menu.val).then(() => menu.con('When?\n1 Now\n2 Today\n3 Yesterday')), next: { '*[1-3]': 'describe' } });
  menu.state('describe', { run: () => void menu.session.set('when', menu.val).then(() => menu.con('Say briefly what happened:')), next: { '*.{3,}': 'confirm' } });
  menu.state('confirm', { run: () => void menu.session.set('description', menu.val).then(() => menu.con('Send report?\n1 Send\n2 Cancel')), next: { '1': 'done', '2': '__start__' } });
  menu.state('done', {
    run: () => {
      const sessionId = menu.args.sessionId;
      const description = read.get(sessionId, 'description') as string | undefined;
      const id = `R${randomBytes(4).toString('hex')}`;
      if (description) insertReport.run(id, seal(menu.args.phoneNumber), read.get(sessionId, 'category') ?? null, read.get(sessionId, 'when') ?? null, seal(description), new Date().toISOString());
      menu.end(`Thank you. Report ${id.slice(1, 6).toUpperCase()} sent.`);
    },
  });
  const app = express();
  app.use(helmet());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.post('/webhooks/africastalking/ussd', express.urlencoded({ extended: false }), (req, res) => {
    menu.run(req.body, (message: string) => res.type('text/plain').send(message));
  });
  return app;
}
