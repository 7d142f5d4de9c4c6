import type { Router } from 'express';
import type { ChannelName, Config } from '../config';
import type { SmsSender } from './channel-types';
import type { ChannelSettingsSpec } from './channel-settings';
import type { UssdRouteServices } from './africastalking/at-ussd-routes';
import type { WebhookServices } from './webhook-services';

/** What a channel's routes may use: the webhook services, and USSD for the channels that carry it. */
export interface ChannelRouteServices {
  webhooks: WebhookServices;
  ussd: UssdRouteServices;
}

/**
 * The contract every channel folder fulfils, and the only thing the rest of the gateway knows of a
 * channel: its name, how fast it may send, how to build its sender, and its webhook doors (mounted
 * under /webhooks/<name>; none when its credential is not set, so that the door does not exist).
 * Adding a provider is one folder with one of these (its settings.ts too), plus its line in
 * registry.ts, and its variables documented in .env.example.
 */
export interface ChannelModule {
  name: ChannelName;
  /** Its environment variables and their checks (merged into the gateway's config schema). */
  settings: ChannelSettingsSpec;
  /** Segments per second, never exceeded (its own sliding window). */
  rate(config: Config): number;
  sender(config: Config, overrides?: { twilioKeepAlive?: boolean }): SmsSender;
  /** Its webhook routes as [path under /webhooks/<name>, router] pairs, given the config. */
  routes(services: ChannelRouteServices, config: Config): [string, Router][];
}
