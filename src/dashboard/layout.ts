import type { Assets, AssetName } from './assets';
import type { DashboardSession } from './dashboard-sessions';
import { DASHBOARD_LANGUAGES, valueLabel, type DashboardLanguage, type DashboardTexts } from './dashboard-texts';
import { html, type SafeHtml } from './html';

/** What every page needs to know about who is looking, in which language. */
export interface PageContext {
  t: DashboardTexts;
  lang: DashboardLanguage;
  session: DashboardSession | null;
  assets: Assets;
  /** The path being shown (the nav marks it; the language switch comes back to it). */
  path: string;
  canWrite: boolean;
  isAdmin: boolean;
}

const NAV: [string, keyof DashboardTexts, (ctx: PageContext) => boolean][] = [
  ['/', 'nav_overview', () => true],
  ['/reports', 'nav_reports', () => true],
  ['/alerts', 'nav_alerts', () => true],
  ['/triage', 'nav_triage', () => true],
  ['/broadcasts', 'nav_broadcasts', () => true],
  ['/committees', 'nav_committees', () => true],
  ['/areas', 'nav_areas', () => true],
  ['/tokens', 'nav_tokens', (ctx) => ctx.isAdmin],
];

export function hiddenCsrf(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.session?.csrf ?? ''}">`;
}

/**
 * The page shell: server-rendered HTML that reads and works without JavaScript. Scripts (htmx,
 * uPlot, Leaflet, our own) only enhance, and only the pages that use them load them.
 */
export function layout(ctx: PageContext, title: string, body: SafeHtml, options: { scripts?: AssetName[]; styles?: AssetName[]; flash?: string | null; error?: string | null } = {}): string {
  const { t } = ctx;
  const section = ctx.path === '/' ? '/' : `/${ctx.path.split('/')[1]}`;
  const nav = ctx.session
    ? html`<nav aria-label="${t.app_name}"><ul>
        ${NAV.filter(([, , visible]) => visible(ctx)).map(([href, key]) => html`<li><a href="${href}"${href === section ? html` aria-current="page"` : ''}>${t[key]}</a></li>`)}
      </ul></nav>`
    : '';
  const who = ctx.session
    ? html`<div class="who"><span>${t.signed_in_as} <strong>${ctx.session.principal.name}</strong> (${says(ctx, ctx.session.principal.role)}, ${ctx.session.principal.areaCode ?? t.whole_country})</span>
        <form method="post" action="/signout">${hiddenCsrf(ctx)}<button type="submit" class="link">${t.sign_out}</button></form></div>`
    : '';
  const languages = html`<ul class="languages" aria-label="${t.language}">${(Object.keys(DASHBOARD_LANGUAGES) as DashboardLanguage[]).map(
    (lang) => html`<li><a href="/language/${lang}?back=${encodeURIComponent(ctx.path)}" lang="${lang}"${lang === ctx.lang ? html` aria-current="true"` : ''}>${DASHBOARD_LANGUAGES[lang].lang_name}</a></li>`,
  )}</ul>`;
  const csrfHeader = ctx.session ? JSON.stringify({ 'X-CSRF-Token': ctx.session.csrf }) : '{}';
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"historyCacheSize":0}'>
<title>${title} · ${t.app_name}</title>
<link rel="stylesheet" href="${ctx.assets.url('dashboard.css')}">
${(options.styles ?? []).map((name) => html`<link rel="stylesheet" href="${ctx.assets.url(name)}">`)}
</head>
<body hx-headers="${csrfHeader}">
<a class="skip" href="#main">${t.skip}</a>
<header>
  <div class="bar"><a class="brand" href="/">${t.app_name}</a>${languages}${who}</div>
  ${nav}
</header>
<main id="main" tabindex="-1">
<h1>${title}</h1>
${options.flash ? html`<p class="flash" role="status">${options.flash}</p>` : ''}
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
${ctx.session && !ctx.canWrite ? html`<p class="note">${t.read_only}</p>` : ''}
${body}
</main>
${(options.scripts ?? []).map((name) => html`<script src="${ctx.assets.url(name)}" defer></script>`)}
</body>
</html>`.value;
}

/** A date-time as people read it, in UTC (the gateway's stored time), minute precision. */
export function when(iso: string | null | undefined): SafeHtml | string {
  if (!iso) return '';
  return html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')}</time>`;
}

/** A status, role or event name in the reader's language. */
export function says(ctx: PageContext, value: string): string {
  return valueLabel(ctx.lang, value);
}
