import type { ChannelModule } from '../channel-module';
import { twilioSettings } from './settings';
import { createTwilioRoutes } from './twilio-routes';
import { createTwilioSender } from './twilio-sender';

/** Twilio: one request per number, signed webhooks, replies in-band as TwiML. */
export const twilioChannel: ChannelModule = {
  name: 'twilio',
  settings: twilioSettings,
  rate: (config) => config.TWILIO_SEGMENTS_PER_SECOND,
  sender: (config, overrides = {}) =>
    createTwilioSender({
      accountSid: config.TWILIO_ACCOUNT_SID!,
      authToken: config.TWILIO_AUTH_TOKEN!,
      from: config.TWILIO_FROM,
      messagingServiceSid: config.TWILIO_MESSAGING_SERVICE_SID,
      statusCallback: `${config.PUBLIC_URL.replace(/\/+$/, '')}/webhooks/twilio/status`,
      keepAlive: overrides.twilioKeepAlive,
    }),
  routes: (services, config) =>
    config.TWILIO_AUTH_TOKEN ? [['/', createTwilioRoutes(services.webhooks, { authToken: config.TWILIO_AUTH_TOKEN, publicUrl: config.PUBLIC_URL, bodyLimit: config.BODY_LIMIT })]] : [],
};
