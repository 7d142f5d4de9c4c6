import { connect, type AddressInfo } from 'node:net';
import { startTestGateway } from '../support/test-gateway';
import { openDatabase, runMigrations } from '../../src/db/client';

describe('operations endpoints', () => {
  it('when the database answers, then /healthz is ok; when it is closed, then 503', async () => {
    const t = startTestGateway();
    const ok = await t.http.get('/healthz');
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ status: 'ok' });
    expect(ok.headers['x-request-id']).toMatch(/^[\w-]{36}$/);
    t.gateway.db.$client.close();
    const down = await t.http.get('/healthz');
    expect(down.status).toBe(503);
    await t.close();
  });

  it('when messages flowed, then /metrics counts them by direction, channel and status, with the queue depth', async () => {
    const t = startTestGateway();
    try {
      await t.http.post('/webhooks/africastalking/sms').type('form').send('from=%2B254711000111&text=hi&id=m1');
      await t.http.post('/webhooks/africastalking/sms').type('form').send('from=%2B254711000111&text=hi&id=m1');
      let metrics = (await t.http.get('/metrics')).text;
      expect(metrics).toContain('gateway_messages_total{direction="in",channel="sms",status="received"} 1');
      expect(metrics).toContain('gateway_messages_total{direction="in",channel="sms",status="duplicate"} 1');
      expect(metrics).toContain('gateway_outbox_queue_depth 1');
      await t.gateway.services.dispatcher.runOnce();
      metrics = (await t.http.get('/metrics')).text;
      expect(metrics).toContain('gateway_messages_total{direction="out",channel="sms",status="sent"} 1');
      expect(metrics).toContain('gateway_outbox_queue_depth 0');
    } finally {
      await t.close();
    }
  });

  it('when a request carries a sane X-Request-Id, then the same id is echoed and logged', async () => {
    const t = startTestGateway();
    try {
      const response = await t.http.get('/healthz').set('x-request-id', 'field-test-42');
      expect(response.headers['x-request-id']).toBe('field-test-42');
      expect(t.logs.some((line) => JSON.parse(line).req?.id === 'field-test-42')).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('when requests come and go, then each has one access line, and what a handler logs carries the same request id', async () => {
    const t = startTestGateway({ AT_WEBHOOK_TOKEN: 'tok-secret-1' });
    try {
      await t.http.post('/webhooks/africastalking/sms?token=tok-secret-1').set('x-request-id', 'ok-1').type('form').send('from=%2B254711000111&text=hi&id=m1');
      // A hop without a number: the USSD service logs a warning through the request's logger.
      await t.http.post('/webhooks/africastalking/ussd?token=tok-secret-1').set('x-request-id', 'hop-1').type('form').send('sessionId=S1&text=');
      await t.http.post('/webhooks/africastalking/sms?token=wrong').set('x-request-id', 'bad-1').type('form').send('from=%2B254711000111&text=hi');
      const lines = t.logs.map((line) => JSON.parse(line) as { level: number; msg: string; req?: { id: string; url: string }; res?: { statusCode: number }; responseTime?: number });
      const access = (id: string) => lines.filter((line) => line.msg === 'request completed' && line.req?.id === id);

      expect(access('ok-1')).toEqual([expect.objectContaining({ level: 30, res: { statusCode: 200 }, req: { id: 'ok-1', method: 'POST', url: '/webhooks/africastalking/sms?token=[redacted]' } })]);
      expect(typeof access('ok-1')[0]!.responseTime).toBe('number');
      expect(access('bad-1')).toEqual([expect.objectContaining({ level: 40, res: { statusCode: 403 } })]);
      const warning = lines.find((line) => line.msg === 'ussd hop without a usable session or number');
      expect(warning?.req?.id).toBe('hop-1');
      expect(access('hop-1')).toHaveLength(1);
      expect(t.logs.join('\n')).not.toContain('tok-secret-1');
    } finally {
      await t.close();
    }
  });

  it('when a provider hangs up before its body has arrived, then the access line says the request was aborted and nothing is stored', async () => {
    const t = startTestGateway();
    const server = t.gateway.app.listen(0, '127.0.0.1');
    try {
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      const { port } = server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write('POST /webhooks/africastalking/sms HTTP/1.1\r\nHost: x\r\nX-Request-Id: cut-1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nfrom=%2B2547');
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      const aborted = async () => t.logs.map((line) => JSON.parse(line) as { msg: string; level: number; req?: { id: string } }).find((line) => line.req?.id === 'cut-1' && line.msg === 'request aborted');
      for (let i = 0; i < 50 && !(await aborted()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await aborted()).toMatchObject({ level: 40 });
      // One access line (the handler's own refusal line carries the same id), and no body in the logs.
      const cutLines = t.logs.map((line) => JSON.parse(line) as { msg: string; req?: { id: string } }).filter((line) => line.req?.id === 'cut-1');
      expect(cutLines.filter((line) => line.msg === 'request aborted' || line.msg === 'request completed')).toHaveLength(1);
      expect(t.logs.join('\n')).not.toContain('from=');
      expect(t.gateway.db.$client.prepare('select count(*) from messages').pluck().get()).toBe(0);
    } finally {
      server.close();
      await t.close();
    }
  });

  it('when the body is larger than the limit, then 413 and nothing stored', async () => {
    const t = startTestGateway({ BODY_LIMIT: '2kb' });
    try {
      const response = await t.http.post('/webhooks/africastalking/sms').type('form').send(`from=%2B254711000111&id=big&text=${'a'.repeat(4000)}`);
      expect(response.status).toBe(413);
      expect(t.gateway.db.$client.prepare('select count(*) from messages').pluck().get()).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('when migrations run a second time on the same file, then nothing changes', async () => {
    const t = startTestGateway();
    const db = openDatabase(t.dbPath);
    const before = db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get();
    runMigrations(db);
    expect(db.$client.prepare('select count(*) from __drizzle_migrations').pluck().get()).toBe(before);
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    db.$client.close();
    await t.close();
  });
});
