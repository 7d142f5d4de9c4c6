import { randomUUID } from 'node:crypto';
import type { TestGateway } from './test-gateway';

/**
 * A handset on Africa's Talking: each dial is a new sessionId, and every hop sends all the inputs of
 * the session so far joined with `*` — exactly what the gateway gets in production.
 */
export class UssdPhone {
  private inputs: string[] = [];
  sessionId = '';

  constructor(
    private readonly t: TestGateway,
    readonly phone: string,
    /** The gateway's AT_WEBHOOK_TOKEN, when it has one. */
    private readonly token?: string,
  ) {}

  private url(suffix = ''): string {
    return `/webhooks/africastalking/ussd${suffix}${this.token ? `?token=${encodeURIComponent(this.token)}` : ''}`;
  }

  get text(): string {
    return this.inputs.join('*');
  }

  /** Dials the service code: a new session, empty text. */
  async dial(): Promise<string> {
    this.sessionId = `ATUid_${randomUUID()}`;
    this.inputs = [];
    return this.hop();
  }

  /** Types one answer and presses send. */
  async send(input: string): Promise<string> {
    this.inputs.push(input);
    return this.hop();
  }

  /** The same hop again, as the gateway does when it retries. */
  async repeat(): Promise<string> {
    return this.hop();
  }

  /** Africa's Talking's end-of-session notification for this session. */
  async dropped(status: 'Incomplete' | 'Success' | 'Failed' = 'Incomplete'): Promise<number> {
    const body = new URLSearchParams({ sessionId: this.sessionId, serviceCode: '*384*2413#', phoneNumber: this.phone, status, input: this.text, date: '2026-11-20 08:40:12', cost: 'KES 0.10', durationInMillis: '61230', hopsCount: String(this.inputs.length + 1), networkCode: '63902' });
    const response = await this.t.http.post(this.url('/events')).type('form').send(body.toString());
    return response.status;
  }

  private async hop(): Promise<string> {
    const body = new URLSearchParams({ sessionId: this.sessionId, serviceCode: '*384*2413#', phoneNumber: this.phone, networkCode: '63902', text: this.text });
    const response = await this.t.http.post(this.url()).type('form').send(body.toString());
    if (response.status !== 200) throw new Error(`USSD hop answered HTTP ${response.status}`);
    if (!response.headers['content-type']?.startsWith('text/plain')) throw new Error(`USSD hop answered ${response.headers['content-type']}`);
    return response.text;
  }
}
