import type { Area } from '../../areas/area-directory';
import type { TokenView } from '../../access/token-service';
import { LANGUAGES } from '../../config';
import type { Contact } from '../../contacts/contact-repository';
import { fill } from '../dashboard-texts';
import { html, type SafeHtml } from '../html';
import { hiddenCsrf, says, when, type PageContext } from '../layout';

export type ImportOutcome = { ok: true; inserted: number; updated: number; unchanged: number } | { ok: false; problems: string[] } | null;

export function importOutcome(ctx: PageContext, outcome: ImportOutcome): SafeHtml | string {
  const { t } = ctx;
  if (!outcome) return '';
  if (outcome.ok) return html`<p class="flash" role="status">${fill(t.import_done, { inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged })}</p>`;
  return html`<div class="error" role="alert"><p>${t.import_failed}</p><ul id="import-problems">${outcome.problems.map((p) => html`<li>${p}</li>`)}</ul></div>`;
}

function uploadForm(ctx: PageContext, action: string, help: string): SafeHtml {
  const { t } = ctx;
  return html`<form method="post" action="${action}" enctype="multipart/form-data" class="stack">
  <input type="hidden" name="_csrf" value="${ctx.session?.csrf ?? ''}">
  <p class="help">${help}</p>
  <label>${t.upload_csv} <input type="file" name="file" accept=".csv,text/csv" required></label>
  <button type="submit">${t.upload}</button>
</form>`;
}

export function committeesPage(ctx: PageContext, people: Contact[], options: { areas: { value: string; label: string }[]; areaName: (code: string) => string; outcome: ImportOutcome; flash?: string | null }): SafeHtml {
  const { t } = ctx;
  const byArea = new Map<string, Contact[]>();
  for (const person of people) byArea.set(person.areaCode ?? '', [...(byArea.get(person.areaCode ?? '') ?? []), person]);
  return html`<p class="help">${t.committees_help}</p>
${importOutcome(ctx, options.outcome)}
${byArea.size === 0 ? html`<p>${t.no_members}</p>` : ''}
${[...byArea.entries()].map(
  ([code, members]) => html`<section><h2>${code ? options.areaName(code) : '—'} <small>${code}</small></h2>
  <table class="compact"><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.role}</th><th scope="col">${t.pseudonym}</th><th scope="col">${t.language}</th>${ctx.canWrite ? html`<td></td>` : ''}</tr></thead>
  <tbody>${members.map(
    (m) => html`<tr><td>${m.name ?? '—'}</td><td>${says(ctx, m.role)}</td><td>${m.pseudonym}</td><td>${m.language ?? '—'}</td>${
      ctx.canWrite
        ? html`<td><form method="post" action="/committees/remove">${hiddenCsrf(ctx)}<input type="hidden" name="pseudonym" value="${m.pseudonym}"><button type="submit" class="link danger" aria-label="${t.remove} ${m.name ?? m.pseudonym}">${t.remove}</button></form></td>`
        : ''
    }</tr>`,
  )}</tbody></table></section>`,
)}
${
  ctx.canWrite
    ? html`<section aria-labelledby="add-title"><h2 id="add-title">${t.add_member}</h2>
<form method="post" action="/committees/add" class="stack">
  ${hiddenCsrf(ctx)}
  <label>${t.phone} <input type="tel" name="phone" required autocomplete="off"></label>
  <label>${t.name} <input type="text" name="name" maxlength="80"></label>
  <label>${t.role} <select name="role">${['member', 'chair', 'monitor', 'coordinator'].map((r) => html`<option value="${r}">${says(ctx, r)}</option>`)}</select></label>
  <label>${t.area} <select name="area_code" required>${options.areas.map((a) => html`<option value="${a.value}">${a.label}</option>`)}</select></label>
  <label>${t.language} <select name="language">${LANGUAGES.map((l) => html`<option value="${l}">${l}</option>`)}</select></label>
  <button type="submit">${t.add}</button>
</form></section>
<section aria-labelledby="upload-title"><h2 id="upload-title">${t.upload_csv}</h2>${uploadForm(ctx, '/committees/upload', t.contacts_csv_help)}</section>`
    : ''
}`;
}

export function areasPage(ctx: PageContext, roots: Area[], childrenOf: (code: string) => Area[], options: { canUpload: boolean; outcome: ImportOutcome }): SafeHtml {
  const { t } = ctx;
  const branch = (area: Area, depth: number): SafeHtml => {
    const children = depth < 6 ? childrenOf(area.code) : [];
    return html`<li><span class="area">${area.name}</span> <small>${area.code} · ${area.level}${area.lat !== null ? ` · ${area.lat}, ${area.lon}` : ''}</small>${
      children.length ? html`<ul>${children.map((child) => branch(child, depth + 1))}</ul>` : ''
    }</li>`;
  };
  return html`${importOutcome(ctx, options.outcome)}
<ul class="tree" id="area-tree">${roots.map((root) => branch(root, 0))}</ul>
${options.canUpload ? html`<section aria-labelledby="upload-title"><h2 id="upload-title">${t.upload_csv}</h2>${uploadForm(ctx, '/areas/upload', t.areas_csv_help)}</section>` : ''}`;
}

export function tokensPage(ctx: PageContext, tokens: TokenView[], options: { areas: { value: string; label: string }[]; created?: { token: string; name: string } | null; fixedArea: string | null }): SafeHtml {
  const { t } = ctx;
  return html`<p class="help">${t.tokens_help}</p>
${options.created ? html`<p class="flash" role="status">${t.token_created} <code id="new-token">${options.created.token}</code></p>` : ''}
<div class="scroll"><table><thead><tr><th scope="col">${t.name}</th><th scope="col">${t.role}</th><th scope="col">${t.area}</th><th scope="col">${t.state}</th><th scope="col">${t.last_used}</th><td></td></tr></thead>
<tbody>${tokens.map(
  (token) => html`<tr><td>${token.name}</td><td>${says(ctx, token.role)}</td><td>${token.area ?? t.whole_country}</td><td>${says(ctx, token.state)}</td><td>${when(token.lastUsedAt)}</td><td>${
    token.state === 'active'
      ? html`<form method="post" action="/tokens/${token.id}/revoke">${hiddenCsrf(ctx)}<button type="submit" class="link danger" aria-label="${t.revoke} ${token.name}">${t.revoke}</button></form>`
      : ''
  }</td></tr>`,
)}</tbody></table></div>
<section aria-labelledby="create-title"><h2 id="create-title">${t.create_token}</h2>
<form method="post" action="/tokens" class="stack">
  ${hiddenCsrf(ctx)}
  <label>${t.name} <input type="text" name="name" required maxlength="60"></label>
  <label>${t.role} <select name="role">${['viewer', 'coordinator', 'admin'].map((r) => html`<option value="${r}">${says(ctx, r)}</option>`)}</select></label>
  <label>${t.area} <select name="area">${options.fixedArea ? '' : html`<option value="">${t.whole_country}</option>`}${options.areas.map((a) => html`<option value="${a.value}">${a.label}</option>`)}</select></label>
  <label>${t.expires_days} <input type="number" name="expires" min="1" max="3650"></label>
  <button type="submit">${t.create}</button>
</form></section>`;
}
