import type { ChannelName } from '../config';

export interface RouteRule {
  /** ISO country of the number, or '*' for any. */
  country: string;
  channel: ChannelName;
}

/**
 * Which channel a message to someone goes out on: the channel they last wrote in on (a reply within a
 * conversation always goes back the way it came), else the first SMS_ROUTES rule for their number's
 * country, else the first channel. A channel no longer configured is never chosen.
 */
export function createRouter(channels: readonly ChannelName[], routes: readonly RouteRule[] = []) {
  const configured = new Set<string>(channels);
  return function channelFor(contact: { lastChannel: string | null; country: string | null }): ChannelName {
    if (contact.lastChannel && configured.has(contact.lastChannel)) return contact.lastChannel as ChannelName;
    for (const rule of routes) if (rule.country === '*' || rule.country === contact.country) return rule.channel;
    return channels[0]!;
  };
}
