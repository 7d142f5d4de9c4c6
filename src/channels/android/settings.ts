import { z } from 'zod';
import { optionalText, segmentsPerSecond } from '../../lib/env-values';
import type { ChannelSettingsSpec } from '../channel-settings';

const shape = {
  /** Cloud mode (the default), or the phone's own server in local mode. */
  ANDROID_GATEWAY_URL: z.url({ protocol: /^https?$/ }).default('https://api.sms-gate.app/3rdparty/v1'),
  ANDROID_GATEWAY_LOGIN: optionalText,
  ANDROID_GATEWAY_PASSWORD: optionalText,
  ANDROID_WEBHOOK_SIGNING_KEY: optionalText,
  // A phone sends about one SMS a second; carriers may limit a SIM further.
  ANDROID_SEGMENTS_PER_SECOND: segmentsPerSecond(1, 100),
};
type AndroidSettings = z.output<z.ZodObject<typeof shape>>;

declare module '../../config' {
  interface ChannelNames {
    android: true;
  }
  interface ChannelSettings extends AndroidSettings {}
}

export const androidSettings: ChannelSettingsSpec<typeof shape> = {
  shape,
  check({ env, sending, need, refuse }) {
    if (sending.includes('android')) {
      need('ANDROID_GATEWAY_LOGIN', 'when the android channel sends');
      need('ANDROID_GATEWAY_PASSWORD', 'when the android channel sends');
    }
    const key = env.ANDROID_WEBHOOK_SIGNING_KEY as string | undefined;
    if (key && key.length < 16) refuse('ANDROID_WEBHOOK_SIGNING_KEY', 'must be at least 16 characters (the phone app shows it under Webhooks)');
  },
};
