import type { z } from 'zod';
import { optionalText, segmentsPerSecond } from '../../lib/env-values';
import type { ChannelSettingsSpec } from '../channel-settings';

/** The shortest AT_WEBHOOK_TOKEN production accepts: the token is the whole of the AT routes' protection. */
export const MIN_WEBHOOK_TOKEN_LENGTH = 24;

const shape = {
  AT_USERNAME: optionalText,
  AT_API_KEY: optionalText,
  AT_SENDER_ID: optionalText,
  AT_WEBHOOK_TOKEN: optionalText,
  AT_SEGMENTS_PER_SECOND: segmentsPerSecond(100, 10_000),
};
type AfricasTalkingSettings = z.output<z.ZodObject<typeof shape>>;

declare module '../../config' {
  interface ChannelNames {
    africastalking: true;
  }
  interface ChannelSettings extends AfricasTalkingSettings {}
}

export const africastalkingSettings: ChannelSettingsSpec<typeof shape> = {
  shape,
  check({ env, sending, production, need, refuse }) {
    if (sending.includes('africastalking')) {
      need('AT_USERNAME', 'when SMS_PROVIDER=africastalking');
      need('AT_API_KEY', 'when SMS_PROVIDER=africastalking');
    }
    if (env.AT_USERNAME && !env.AT_API_KEY) need('AT_API_KEY', 'together with AT_USERNAME');
    if (env.AT_API_KEY && !env.AT_USERNAME) need('AT_USERNAME', 'together with AT_API_KEY');
    // Every door a provider calls must be authenticated: its callbacks carry ?token=.
    if (production && sending.includes('africastalking')) {
      const token = env.AT_WEBHOOK_TOKEN as string | undefined;
      if (!token) need('AT_WEBHOOK_TOKEN', "when Africa's Talking sends and NODE_ENV=production (its callbacks carry ?token=)");
      else if (token.length < MIN_WEBHOOK_TOKEN_LENGTH) refuse('AT_WEBHOOK_TOKEN', `must be at least ${MIN_WEBHOOK_TOKEN_LENGTH} characters when NODE_ENV=production`);
    }
  },
};
