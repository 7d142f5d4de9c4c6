import type { ChannelModule } from '../channel-module';
import { androidSettings } from './settings';
import { createAndroidRoutes } from './android-routes';
import { createAndroidSender } from './android-sender';

/** An Android phone with a local SIM (SMS Gateway for Android), cloud or local-server mode. */
export const androidChannel: ChannelModule = {
  name: 'android',
  settings: androidSettings,
  rate: (config) => config.ANDROID_SEGMENTS_PER_SECOND,
  sender: (config) => createAndroidSender({ url: config.ANDROID_GATEWAY_URL, login: config.ANDROID_GATEWAY_LOGIN!, password: config.ANDROID_GATEWAY_PASSWORD! }),
  routes: (services, config) =>
    config.ANDROID_WEBHOOK_SIGNING_KEY ? [['/', createAndroidRoutes(services.webhooks, { signingKey: config.ANDROID_WEBHOOK_SIGNING_KEY, bodyLimit: config.BODY_LIMIT })]] : [],
};
