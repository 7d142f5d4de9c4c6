import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake Africa's Talking bulk SMS endpoint on loopback: answers like the real one (201, one
 * Recipients entry per number, statusCode 101) after a short delay, and counts every number it took.
 */
export async function startFakeAfricasTalking(options: { delayMs?: number } = {}) {
  const received = new Map<string, number>();
  /** Every request as it arrived: when, the text, and how many numbers (for latency and rate). */
  const log: { at: number; message: string; numbers: number }[] = [];
  let requests = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const numbers = (form.get('to') ?? '').split(',').filter(Boolean);
      requests += 1;
      log.push({ at: Date.now(), message: form.get('message') ?? '', numbers: numbers.length });
      // Taken as soon as it arrived: a gateway killed before reading the answer still sent these.
      for (const number of numbers) received.set(number, (received.get(number) ?? 0) + 1);
      const recipients = numbers.map((number, i) => ({ statusCode: 101, status: 'Success', number, messageId: `ATXid_fake_${requests}_${i}`, cost: 'KES 0.8000' }));
      setTimeout(() => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ SMSMessageData: { Message: `Sent to ${numbers.length}/${numbers.length} Total Cost: KES ${(numbers.length * 0.8).toFixed(4)}`, Recipients: recipients } }));
      }, options.delayMs ?? 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    log,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
