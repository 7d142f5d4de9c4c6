import { webhookDoors } from '../doors';
import type { ChannelModule } from '../channel-module';
import { africastalkingSettings } from './settings';
import { createAtRoutes } from './at-routes';
import { createAtSender } from './at-sender';
import { createAtUssdRoutes } from './at-ussd-routes';

/** Africa's Talking: bulk SMS (100 numbers a request), SMS and delivery webhooks, and USSD. */
export const africastalkingChannel: ChannelModule = {
  name: 'africastalking',
  settings: africastalkingSettings,
  rate: (config) => config.AT_SEGMENTS_PER_SECOND,
  sender: (config) => createAtSender({ username: config.AT_USERNAME!, apiKey: config.AT_API_KEY!, senderId: config.AT_SENDER_ID }),
  routes(services, config) {
    const door = webhookDoors(config).africastalking;
    if (door === 'closed') return [];
    const token = door === 'token' ? { webhookToken: config.AT_WEBHOOK_TOKEN! } : { openForSimulators: true as const };
    return [
      ['/ussd', createAtUssdRoutes(services.ussd, { ...token, bodyLimit: config.BODY_LIMIT })],
      ['/', createAtRoutes(services.webhooks, { ...token, bodyLimit: config.BODY_LIMIT })],
    ];
  },
};
