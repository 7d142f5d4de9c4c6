/**
 * Preloaded (`--require`) into a gateway child process: the africastalking SDK's real endpoint is
 * intercepted with nock and each request is forwarded to FAKE_AT_URL, a fake provider on loopback in
 * the test process. The SDK, its form encoding and its answers' parsing run as in production, and the
 * fake provider's record of what it took survives the child being killed.
 */
import { request } from 'node:http';
import nock from 'nock';

const target = new URL(process.env.FAKE_AT_URL ?? 'http://127.0.0.1:9');

nock('https://api.africastalking.com')
  .persist()
  .post('/version1/messaging')
  .reply((_uri, body, callback) => {
    const forward = request(
      { host: target.hostname, port: target.port, path: '/version1/messaging', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => callback(null, [response.statusCode ?? 500, text, { 'content-type': 'application/json' }]));
      },
    );
    forward.on('error', (error) => callback(error, [500, '']));
    forward.end(typeof body === 'string' ? body : new URLSearchParams(body as Record<string, string>).toString());
  });
