import type { ChannelName } from '../config';
import { africastalkingChannel } from './africastalking';
import { androidChannel } from './android';
import type { ChannelModule } from './channel-module';
import { consoleChannel } from './console';
import { twilioChannel } from './twilio';

/** Every channel the gateway knows: config, senders, rates and webhook routes are built by looping here. */
export const CHANNEL_MODULES: readonly ChannelModule[] = [consoleChannel, africastalkingChannel, twilioChannel, androidChannel];

export function channelModule(name: ChannelName): ChannelModule {
  const found = CHANNEL_MODULES.find((m) => m.name === name);
  if (!found) throw new Error(`no channel module ${name}`);
  return found;
}
