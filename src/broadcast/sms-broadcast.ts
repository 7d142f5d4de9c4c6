import { ALERT_PLACE_MAX } from '../alerts/alert-texts';
import type { AuditLog } from '../access/audit-log';
import type { Area, AreaDirectory } from '../areas/area-directory';
import { foldForMatching } from '../areas/text-match';
import { LANGUAGES, type Language } from '../config';
import type { Contact } from '../contacts/contact-repository';
import type { Content, ReplyKey } from '../flows/content';
import { BroadcastError, type BroadcastService } from './broadcast-service';

const CODE = /^\d{6}$/;

/**
 * SMS-first broadcasts for coordinators in the field: "BC <area> <message>" gets the preview and a
 * code; "YES <code>" from the same phone within 10 minutes sends it. Nothing goes without the code.
 */
export function createSmsBroadcast(deps: { broadcasts: BroadcastService; areas: AreaDirectory; content: Content; audit: AuditLog; confirmed: () => void }) {
  const { broadcasts, areas, content, audit } = deps;
  const wordsOf = (key: 'broadcast' | 'confirm') => new Set(LANGUAGES.flatMap((l) => content.keywords[key][l].map((w) => foldForMatching(w))));
  const broadcastWords = wordsOf('broadcast');
  const confirmWords = wordsOf('confirm');
  const say = (key: ReplyKey, language: Language, values: Record<string, string | number> = {}) =>
    content.replies[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => (values[name] === undefined ? whole : String(values[name])));
  const placeName = (area: Area) => area.name.slice(0, ALERT_PLACE_MAX);
  const number = (n: number) => n.toLocaleString('en-US');

  /** The area the words start with (a code, or the longest run of words naming one), and the rest. */
  function splitArea(words: string[]): { area: Area; rest: string[] } | null {
    const byCode = areas.get(words[0]!.toUpperCase());
    if (byCode) return { area: byCode, rest: words.slice(1) };
    for (let take = Math.min(3, words.length - 1); take >= 1; take--) {
      const [best] = areas.search(words.slice(0, take).join(' '), { limit: 1 });
      if (best && (best.score === 0 || take === 1)) return { area: best.area, rest: words.slice(take) };
    }
    return null;
  }

  function request(contact: Contact, words: string[], language: Language): string {
    const within = contact.areaCode ?? null;
    const found = words.length >= 2 ? splitArea(words) : null;
    if (!found || found.rest.length === 0) return say('broadcast_usage', language);
    const { area, rest } = found;
    if (within && !areas.path(area.code).some((a) => a.code === within)) {
      return say('broadcast_not_allowed', language, { area: placeName(areas.get(within) ?? area) });
    }
    const input = { audience: { areas: [area.code] }, texts: { [language]: rest.join(' ') }, fallbackLanguage: language };
    try {
      const preview = broadcasts.preview(input);
      if (preview.recipients === 0) return say('broadcast_empty', language, { area: placeName(area) });
      const { broadcast } = broadcasts.create(input, { source: 'sms', createdBy: contact.pseudonym, confirmBy: contact.id, previewRecipients: preview.recipients });
      audit.record({ actor: contact.pseudonym, action: 'broadcast_requested', subject: broadcast.ref, detail: area.code });
      const segments = Math.max(...preview.languages.map((l) => l.segments));
      return say('broadcast_preview', language, { segments, people: number(preview.recipients), area: placeName(area), total: number(preview.totalSegments), code: broadcast.confirmCode! });
    } catch (error) {
      if (error instanceof BroadcastError) return say('broadcast_usage', language);
      throw error;
    }
  }

  function confirm(contact: Contact, code: string, language: Language): string {
    const result = broadcasts.confirm(contact.id, code);
    if (result.outcome === 'expired') return say('broadcast_expired', language, { code });
    if (result.outcome === 'locked') {
      audit.record({ actor: contact.pseudonym, action: 'broadcast_locked', detail: 'wrong confirmation codes' });
      return say('broadcast_locked', language, { code });
    }
    if (result.outcome !== 'confirmed') return say('broadcast_no_pending', language, { code });
    audit.record({ actor: contact.pseudonym, action: 'broadcast_create', subject: result.broadcast.ref, detail: result.broadcast.audience });
    deps.confirmed();
    // The count the preview gave (the audience is counted again only as it is expanded).
    const area = areas.get((JSON.parse(result.broadcast.audience) as { areas: string[] }).areas[0]!)!;
    return say('broadcast_sending', language, { ref: result.broadcast.ref, people: number(result.broadcast.previewRecipients ?? 0), area: placeName(area) });
  }

  /** The reply when the message is a coordinator's broadcast command; null when it is not one. */
  function handle(contact: Contact, text: string, language: Language): string | null {
    if (contact.role !== 'coordinator') return null;
    const words = text.trim().split(/\s+/);
    const first = foldForMatching(words[0] ?? '');
    if (broadcastWords.has(first)) return request(contact, words.slice(1), language);
    if (confirmWords.has(first) && words.length === 2 && CODE.test(words[1]!)) return confirm(contact, words[1]!, language);
    return null;
  }

  return { handle };
}

export type SmsBroadcast = ReturnType<typeof createSmsBroadcast>;
