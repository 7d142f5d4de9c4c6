/** Places and names in alerts and digests are cut to these lengths, so that every one fits one SMS (flows:check holds the texts to it). */
export const ALERT_PLACE_MAX = 16;
export const ALERT_NAME_MAX = 16;
