/** Places and names in alerts are cut to these lengths, so that every alert fits one SMS (flows:check). */
export const ALERT_PLACE_MAX = 16;
export const ALERT_NAME_MAX = 16;

export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return space >= max / 2 ? text.slice(0, space) : text.slice(0, max);
}
