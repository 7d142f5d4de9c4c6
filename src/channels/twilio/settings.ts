import type { z } from 'zod';
import { optionalText, segmentsPerSecond } from '../../lib/env-values';
import type { ChannelSettingsSpec } from '../channel-settings';

const shape = {
  TWILIO_ACCOUNT_SID: optionalText,
  TWILIO_AUTH_TOKEN: optionalText,
  TWILIO_FROM: optionalText,
  TWILIO_MESSAGING_SERVICE_SID: optionalText,
  TWILIO_SEGMENTS_PER_SECOND: segmentsPerSecond(1, 10_000),
};
type TwilioSettings = z.output<z.ZodObject<typeof shape>>;

declare module '../../config' {
  interface ChannelNames {
    twilio: true;
  }
  interface ChannelSettings extends TwilioSettings {}
}

export const twilioSettings: ChannelSettingsSpec<typeof shape> = {
  shape,
  check({ env, sending, need, refuse }) {
    if (sending.includes('twilio')) {
      need('TWILIO_ACCOUNT_SID', 'when SMS_PROVIDER=twilio');
      need('TWILIO_AUTH_TOKEN', 'when SMS_PROVIDER=twilio');
      if (!env.TWILIO_FROM && !env.TWILIO_MESSAGING_SERVICE_SID) refuse('TWILIO_FROM', 'TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is required when SMS_PROVIDER=twilio');
    }
    if (env.TWILIO_ACCOUNT_SID && !env.TWILIO_AUTH_TOKEN) need('TWILIO_AUTH_TOKEN', 'together with TWILIO_ACCOUNT_SID');
  },
};
