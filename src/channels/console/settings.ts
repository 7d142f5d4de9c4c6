import type { z } from 'zod';
import { segmentsPerSecond } from '../../lib/env-values';
import type { ChannelSettingsSpec } from '../channel-settings';

const shape = {
  CONSOLE_SEGMENTS_PER_SECOND: segmentsPerSecond(1000, 100_000),
};
type ConsoleSettings = z.output<z.ZodObject<typeof shape>>;

declare module '../../config' {
  interface ChannelNames {
    console: true;
  }
  interface ChannelSettings extends ConsoleSettings {}
}

export const consoleSettings: ChannelSettingsSpec<typeof shape> = { shape };
