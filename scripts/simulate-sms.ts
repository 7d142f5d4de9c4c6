/**
 * `npm run simulate:sms -- [--url U] [--phone P] "text"`: posts one inbound SMS to a running gateway
 * exactly as Africa's Talking does (form-encoded, `+` as %2B), then prints the reply that the console
 * provider recorded for that phone.
 */
import { randomUUID } from 'node:crypto';
import { Command } from 'commander';
import { loadDotEnv } from '../src/config';

loadDotEnv();

const program = new Command('simulate:sms')
  .description("send one inbound SMS to a running gateway as Africa's Talking would, and print the reply")
  .argument('<text>', 'the message text')
  .option('--url <url>', 'gateway base URL', process.env.GATEWAY_URL ?? `http://localhost:${process.env.PORT ?? 3000}`)
  .option('--phone <phone>', 'sender number (E.164 or local)', '+254711000111')
  .option('--to <shortcode>', 'short code the SMS is sent to', '21525')
  .option('--token <token>', 'AT_WEBHOOK_TOKEN of the gateway, if it has one', process.env.AT_WEBHOOK_TOKEN)
  .option('--wait <seconds>', 'how long to wait for a reply', '5')
  .parse(process.argv);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const [text] = program.args as [string];
  const options = program.opts<{ url: string; phone: string; to: string; token?: string; wait: string }>();
  const base = options.url.replace(/\/+$/, '');
  const since = new Date(Date.now() - 1).toISOString();
  const form = new URLSearchParams({
    from: options.phone,
    to: options.to,
    text,
    date: new Date().toISOString(),
    id: `ATXid_sim_${randomUUID().replace(/-/g, '')}`,
    linkId: '',
    networkCode: '99999',
  });
  const query = options.token ? `?token=${encodeURIComponent(options.token)}` : '';
  let response: Response;
  try {
    response = await fetch(`${base}/webhooks/africastalking/sms${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  } catch (error) {
    console.error(`Cannot reach the gateway at ${base}: ${(error as Error).message}. Is it running (npm start)?`);
    return 1;
  }
  console.log(`> ${options.phone}: ${text}`);
  console.log(`  gateway answered HTTP ${response.status} ${await response.text()}`);
  if (!response.ok) return 1;

  const deadline = Date.now() + Number(options.wait) * 1000;
  while (Date.now() < deadline) {
    const inbox = await fetch(`${base}/console/outbox?to=${encodeURIComponent(options.phone)}&after=${encodeURIComponent(since)}`);
    if (inbox.status === 404) {
      console.log('  (the gateway is not on SMS_PROVIDER=console: its reply goes out through the real provider)');
      return 0;
    }
    const { items } = (await inbox.json()) as { items: { text: string; status: string }[] };
    const sent = items.filter((item) => item.status !== 'queued' && item.status !== 'sending');
    if (sent.length > 0) {
      for (const item of sent) console.log(`< ${item.text}`);
      return 0;
    }
    await sleep(200);
  }
  // Every reason the gateway stays silent on purpose (inbound-service.ts), since the simulator cannot tell which.
  console.log(
    `  (no reply within ${options.wait} s: short codes and sender ids are never answered, nor the same text sent again within 5 minutes, nor anything past SMS_REPLY_LIMIT replies in 30 minutes)`,
  );
  return 0;
}

main().then((code) => process.exit(code));
