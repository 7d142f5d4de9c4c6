/**
 * `npm run simulate:ussd -- [--url U] [--phone P] [--script "1,2,Kibera"]`: a phone on the terminal.
 * Speaks Africa's Talking's exact protocol to a running gateway: a new sessionId per dial, and every
 * hop carries all the inputs so far joined with `*`. With --script it answers by itself and prints
 * every screen; otherwise it asks you at each CON screen.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { Command } from 'commander';
import { loadDotEnv } from '../src/config';

loadDotEnv();

const program = new Command('simulate:ussd')
  .description("dial the gateway's USSD service as a phone on Africa's Talking would")
  .option('--url <url>', 'gateway base URL', process.env.GATEWAY_URL ?? `http://localhost:${process.env.PORT ?? 3000}`)
  .option('--phone <phone>', 'caller number (E.164 or local)', '+254711000111')
  .option('--code <serviceCode>', 'the USSD code dialled', '*384*2413#')
  .option('--script <inputs>', 'answers separated by commas, e.g. "1,1,Kibera,1,1,2,Youths fighting"')
  .option('--token <token>', 'AT_WEBHOOK_TOKEN of the gateway, if it has one', process.env.AT_WEBHOOK_TOKEN)
  .option('--drop', 'with --script: hang up after the last answer and send the Incomplete notification')
  .parse(process.argv);

interface Options {
  url: string;
  phone: string;
  code: string;
  script?: string;
  token?: string;
  drop?: boolean;
}

async function main(): Promise<number> {
  const options = program.opts<Options>();
  const base = options.url.replace(/\/+$/, '');
  const query = options.token ? `?token=${encodeURIComponent(options.token)}` : '';
  const sessionId = `ATUid_sim_${randomUUID().replace(/-/g, '')}`;
  const inputs: string[] = [];

  async function post(path: string, fields: Record<string, string>): Promise<string> {
    const response = await fetch(`${base}${path}${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    return response.text();
  }
  const hop = () => post('/webhooks/africastalking/ussd', { sessionId, serviceCode: options.code, phoneNumber: options.phone, networkCode: '99999', text: inputs.join('*') });

  const scripted = options.script !== undefined ? options.script.split(',').map((s) => s.trim()) : null;
  const terminal = scripted ? null : createInterface({ input: process.stdin, output: process.stdout });
  let screen: string;
  try {
    screen = await hop();
  } catch (error) {
    console.error(`Cannot reach the gateway at ${base}: ${(error as Error).message}. Is it running (npm start)?`);
    return 1;
  }
  for (;;) {
    console.log(`\n${screen.replace(/^(CON|END) /, '')}`);
    console.log(`[${screen.slice(0, 3)} · ${screen.length} chars]`);
    if (!screen.startsWith('CON ')) break;
    let input: string | undefined;
    if (scripted) {
      input = scripted.shift();
      if (input === undefined) {
        if (options.drop) {
          await post('/webhooks/africastalking/ussd/events', { sessionId, serviceCode: options.code, phoneNumber: options.phone, networkCode: '99999', status: 'Incomplete', input: inputs.join('*'), date: new Date().toISOString().slice(0, 19).replace('T', ' '), cost: 'KES 0.00', durationInMillis: '0', hopsCount: String(inputs.length + 1) });
          console.log('(hung up: the gateway was told the session is Incomplete)');
        } else {
          console.log('(script finished on a CON screen)');
        }
        break;
      }
      console.log(`> ${input}`);
    } else {
      input = await terminal!.question('> ');
    }
    inputs.push(input);
    screen = await hop();
  }
  terminal?.close();
  return 0;
}

main().then((code) => process.exit(code));
