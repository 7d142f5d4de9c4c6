import { AUDIENCE_ROLES } from '../../broadcast/audience';
import type { BroadcastPreview, BroadcastService } from '../../broadcast/broadcast-service';
import { LANGUAGES, type Language } from '../../config';
import { fill } from '../dashboard-texts';
import { html, type SafeHtml } from '../html';
import { hiddenCsrf, says, when, type PageContext } from '../layout';

/** The composer's fields, as the form posts them (repeated fields are arrays). */
export type ComposerForm = Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]).filter(Boolean);
const one = (value: string | string[] | undefined): string => (Array.isArray(value) ? (value[0] ?? '') : (value ?? ''));

/** What the API's broadcast body would be for the same choices: the service checks it the same way. */
export function broadcastInputFromForm(form: ComposerForm) {
  const roles = list(form.roles);
  const languages = list(form.languages);
  const days = one(form.reportedWithinDays).trim();
  const texts = Object.fromEntries(LANGUAGES.map((language) => [language, one(form[`text_${language}`]).trim()]).filter(([, text]) => text));
  return {
    audience: {
      areas: list(form.areas),
      ...(roles.length ? { roles } : {}),
      ...(languages.length ? { languages } : {}),
      ...(days ? { reportedWithinDays: Number(days) } : {}),
    },
    texts,
    ...(one(form.fallbackLanguage) ? { fallbackLanguage: one(form.fallbackLanguage) } : {}),
    urgent: one(form.urgent) === 'on',
  };
}

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', sw: 'Kiswahili', ru: 'Русский', ky: 'Кыргызча', es: 'Español' };

/** The preview region: the same figures as POST /api/broadcasts/preview, one row per language. */
export function previewRegion(ctx: PageContext, preview: BroadcastPreview | null, error: string | null): SafeHtml {
  const { t } = ctx;
  if (error) return html`<div id="preview" aria-live="polite"><p class="error" role="alert">${error}</p></div>`;
  if (!preview) return html`<div id="preview" aria-live="polite"></div>`;
  const cost = `${preview.estimatedCost.amount} ${preview.estimatedCost.currency}`;
  return html`<div id="preview" aria-live="polite">
  <h2>${t.preview_title}</h2>
  <p class="totals">${t.recipients}: <strong data-field="recipients">${preview.recipients}</strong> · ${t.total_segments}: <strong data-field="totalSegments">${preview.totalSegments}</strong> · ${t.estimated_cost}: <strong data-field="cost">${cost}</strong></p>
  <div class="scroll"><table>
    <thead><tr><th scope="col">${t.language}</th><th scope="col">${t.recipients}</th><th scope="col">${t.encoding}</th><th scope="col">${t.characters}</th><th scope="col">${t.segments}</th><th scope="col">${t.forcing_ucs2}</th></tr></thead>
    <tbody>${preview.languages.map(
      (l) => html`<tr data-language="${l.language}" data-recipients="${l.recipients}" data-encoding="${l.encoding}" data-characters="${l.characters}" data-segments="${l.segments}">
        <td>${LANGUAGE_NAMES[l.language]}${l.textLanguage !== l.language ? ` → ${LANGUAGE_NAMES[l.textLanguage]}` : ''}</td><td>${l.recipients}</td><td>${l.encoding}</td><td>${l.characters}</td><td>${l.segments}</td>
        <td class="ucs2">${l.nonGsmCharacters.length ? l.nonGsmCharacters.map((c) => html`<kbd>${c}</kbd> `) : '—'}</td></tr>`,
    )}</tbody></table></div>
  ${
    preview.channels.length > 1
      ? html`<h3>${t.per_channel}</h3><table class="compact"><thead><tr><th scope="col">${t.channel}</th><th scope="col">${t.recipients}</th><th scope="col">${t.segments}</th><th scope="col">${t.estimated_cost}</th></tr></thead>
    <tbody>${preview.channels.map((c) => html`<tr><td>${c.channel}</td><td>${c.recipients}</td><td>${c.segments}</td><td>${c.estimatedCost}</td></tr>`)}</tbody></table>`
      : ''
  }
</div>`;
}

export function composerPage(ctx: PageContext, form: ComposerForm, choices: { areas: { value: string; label: string }[] }, preview: SafeHtml): SafeHtml {
  const { t } = ctx;
  const chosenAreas = new Set(list(form.areas));
  const chosenRoles = new Set(list(form.roles));
  const chosenLanguages = new Set(list(form.languages));
  const roleLabel: Record<string, string> = { subscribers: t.role_subscribers, monitors: t.role_monitors, members: t.role_members, coordinators: t.role_coordinators };
  return html`
<form method="post" action="/broadcasts/new" class="composer" hx-post="/broadcasts/preview" hx-trigger="input delay:400ms, change delay:50ms" hx-target="#preview" hx-swap="outerHTML" hx-sync="this:replace">
  ${hiddenCsrf(ctx)}
  <fieldset><legend>${t.audience}</legend>
    <label for="areas">${t.areas_label}</label>
    <select id="areas" name="areas" multiple size="8" required>${choices.areas.map((a) => html`<option value="${a.value}"${chosenAreas.has(a.value) ? html` selected` : ''}>${a.label}</option>`)}</select>
    <fieldset class="inline"><legend>${t.roles}</legend>${AUDIENCE_ROLES.map(
      (role) => html`<label><input type="checkbox" name="roles" value="${role}"${chosenRoles.has(role) ? html` checked` : ''}> ${roleLabel[role]}</label>`,
    )}</fieldset>
    <fieldset class="inline"><legend>${t.languages}</legend>${LANGUAGES.map(
      (language) => html`<label><input type="checkbox" name="languages" value="${language}"${chosenLanguages.has(language) ? html` checked` : ''}> ${LANGUAGE_NAMES[language]}</label>`,
    )}</fieldset>
    <label>${t.reported_within} <input type="number" name="reportedWithinDays" min="1" max="365" value="${one(form.reportedWithinDays)}"></label>
    <label><input type="checkbox" name="urgent"${one(form.urgent) === 'on' ? html` checked` : ''}> ${t.rapid_alert}</label>
  </fieldset>
  <fieldset><legend>${t.texts}</legend>
    ${LANGUAGES.map(
      (language) => html`<label for="text_${language}">${fill(t.text_in, { language: LANGUAGE_NAMES[language] })}</label>
    <textarea id="text_${language}" name="text_${language}" lang="${language}" rows="3" maxlength="1000">${one(form[`text_${language}`])}</textarea>`,
    )}
    <label>${t.fallback} <select name="fallbackLanguage"><option value=""></option>${LANGUAGES.map(
      (language) => html`<option value="${language}"${one(form.fallbackLanguage) === language ? html` selected` : ''}>${LANGUAGE_NAMES[language]}</option>`,
    )}</select></label>
  </fieldset>
  <p class="actions"><button type="submit" name="action" value="preview" class="secondary">${t.preview}</button> <button type="submit" name="action" value="review">${t.review_send}</button></p>
</form>
${preview}`;
}

export function confirmPage(ctx: PageContext, input: unknown, preview: BroadcastPreview, key: string): SafeHtml {
  const { t } = ctx;
  return html`
<p>${fill(t.confirm_help, { n: preview.recipients })}</p>
${previewRegion(ctx, preview, null)}
<form method="post" action="/broadcasts" class="actions">
  ${hiddenCsrf(ctx)}
  <input type="hidden" name="input" value="${JSON.stringify(input)}">
  <input type="hidden" name="key" value="${key}">
  <button type="submit">${fill(t.send_now, { n: preview.recipients })}</button>
</form>`;
}

type Described = ReturnType<BroadcastService['describe']>;

export function broadcastsPage(ctx: PageContext, items: Described[]): SafeHtml {
  const { t } = ctx;
  return html`${ctx.canWrite ? html`<p><a class="button" href="/broadcasts/new">${t.new_broadcast}</a></p>` : ''}
${
  items.length === 0
    ? html`<p>${t.no_broadcasts}</p>`
    : html`<div class="scroll"><table><thead><tr><th scope="col">${t.ref}</th><th scope="col">${t.status}</th><th scope="col">${t.area}</th><th scope="col">${t.recipients}</th><th scope="col">${t.created_by}</th><th scope="col">${t.received}</th></tr></thead>
<tbody>${items.map(
        (b) => html`<tr><td><a href="/broadcasts/${b.id}">${b.ref}</a>${b.urgent ? html` <span class="tag">${t.urgent}</span>` : ''}</td><td>${says(ctx, b.status)}</td><td>${b.audience.areas.join(', ')}</td><td>${b.recipients ?? '…'}</td><td>${b.createdBy}</td><td>${when(b.createdAt)}</td></tr>`,
      )}</tbody></table></div>`
}`;
}

/** Progress, asked again every 2 seconds while the broadcast is still going. */
export function progressRegion(ctx: PageContext, b: Described): SafeHtml {
  const { t } = ctx;
  const going = ['awaiting_confirmation', 'scheduled', 'sending', 'paused'].includes(b.status);
  return html`<div id="progress"${going ? html` hx-get="/broadcasts/${b.id}/progress" hx-trigger="every 2s" hx-swap="outerHTML"` : ''} aria-live="polite">
  <dl class="facts">
    <dt>${t.status}</dt><dd data-field="status" data-value="${b.status}">${says(ctx, b.status)}</dd>
    <dt>${t.recipients}</dt><dd>${b.recipients ?? '…'}</dd>
    <dt>${t.sent}</dt><dd data-field="sent">${b.progress.sent + b.progress.delivered}</dd>
    <dt>${t.delivered}</dt><dd>${b.progress.delivered}</dd>
    <dt>${t.failed}</dt><dd>${b.progress.failed}</dd>
    <dt>${t.remaining}</dt><dd>${b.progress.remaining}</dd>
  </dl>
</div>`;
}

export function broadcastPage(ctx: PageContext, b: Described): SafeHtml {
  const { t } = ctx;
  const action = (name: 'cancel' | 'pause' | 'resume', label: string) =>
    html`<form method="post" action="/broadcasts/${b.id}/${name}">${hiddenCsrf(ctx)}<button type="submit"${name === 'cancel' ? html` class="danger"` : ''}>${label}</button></form>`;
  return html`
<h2>${t.progress}</h2>
${progressRegion(ctx, b)}
${
  ctx.canWrite
    ? html`<div class="actions">
  ${['scheduled', 'sending'].includes(b.status) ? action('pause', t.pause) : ''}
  ${b.status === 'paused' ? action('resume', t.resume) : ''}
  ${['awaiting_confirmation', 'scheduled', 'sending', 'paused'].includes(b.status) ? action('cancel', t.cancel) : ''}
</div>`
    : ''
}
<h2>${t.texts}</h2>
<dl class="facts">${Object.entries(b.texts).map(([language, text]) => html`<dt>${LANGUAGE_NAMES[language as Language] ?? language}</dt><dd class="text" lang="${language}">${text}</dd>`)}</dl>
<h2>${t.audience}</h2>
<p>${b.audience.areas.join(', ')}${b.audience.roles ? ` · ${b.audience.roles.join(', ')}` : ''}${b.audience.languages ? ` · ${b.audience.languages.join(', ')}` : ''}</p>`;
}
