import type { ChannelModule } from '../channel-module';
import { consoleSettings } from './settings';
import { createConsoleSender } from './console-sender';

/** Development: records outbound messages, sends nothing (its inbox view is mounted by app.ts). */
export const consoleChannel: ChannelModule = {
  name: 'console',
  settings: consoleSettings,
  rate: (config) => config.CONSOLE_SEGMENTS_PER_SECOND,
  sender: () => createConsoleSender(),
  routes: () => [],
};
