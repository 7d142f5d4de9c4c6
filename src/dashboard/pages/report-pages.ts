import type { ReportQueries, ReportView, TimelineEntry } from '../../reports/report-queries';
import { REPORT_STATUSES } from '../../reports/report-queries';
import { fill } from '../dashboard-texts';
import { html, type SafeHtml } from '../html';
import { hiddenCsrf, says, when, type PageContext } from '../layout';

export interface ReportListFilter {
  area?: string;
  category?: string;
  status?: string;
  since?: string;
  until?: string;
  cursor?: string;
}

type Option = { value: string; label: string };

const select = (name: string, label: string, options: Option[], chosen: string | undefined, allLabel: string) => html`<label>${label}
  <select name="${name}"><option value="">${allLabel}</option>${options.map((o) => html`<option value="${o.value}"${o.value === chosen ? html` selected` : ''}>${o.label}</option>`)}</select></label>`;

function query(filter: ReportListFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, ...extra })) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function reportRows(ctx: PageContext, items: ReportView[], categoryLabel: (id: string) => string): SafeHtml {
  const { t } = ctx;
  if (items.length === 0) return html`<p>${t.no_reports}</p>`;
  return html`<div class="scroll"><table>
  <thead><tr><th scope="col">${t.ref}</th><th scope="col">${t.received}</th><th scope="col">${t.category}</th><th scope="col">${t.area}</th><th scope="col">${t.status}</th><th scope="col">${t.description}</th></tr></thead>
  <tbody>${items.map(
    (r) => html`<tr data-ref="${r.ref}"${r.urgent ? html` class="urgent"` : ''}>
      <td><a href="/reports/${r.ref}">${r.ref}</a>${r.urgent ? html` <span class="tag">${t.urgent}</span>` : ''}</td>
      <td>${when(r.createdAt)}</td>
      <td>${r.category ? categoryLabel(r.category) : '—'}</td>
      <td>${r.area?.name ?? html`<em>${t.unknown_place}</em>`}</td>
      <td>${says(ctx, r.status)}</td>
      <td class="text">${r.erased ? html`<em>${t.erased}</em>` : (r.description ?? '').slice(0, 120)}</td>
    </tr>`,
  )}</tbody></table></div>`;
}

/**
 * The list region. On the first page it asks again every 2 seconds (htmx), so that new reports
 * appear without a reload; the answer is this same region, so no script builds rows.
 */
export function reportListRegion(ctx: PageContext, page: ReturnType<ReportQueries['list']>, filter: ReportListFilter, categoryLabel: (id: string) => string): SafeHtml {
  const { t } = ctx;
  const live = !filter.cursor;
  return html`<div id="report-list"${live ? html` hx-get="/reports/list${query(filter)}" hx-trigger="every 2s" hx-swap="outerHTML" aria-live="polite"` : ''}>
  ${reportRows(ctx, page.items, categoryLabel)}
  <p class="pager">${filter.cursor ? html`<a href="/reports${query({ ...filter, cursor: undefined })}">${t.newest}</a> ` : ''}${page.nextCursor ? html`<a href="/reports${query({ ...filter, cursor: page.nextCursor })}" rel="next">${t.older}</a>` : ''}</p>
</div>`;
}

export function reportsPage(ctx: PageContext, page: ReturnType<ReportQueries['list']>, filter: ReportListFilter, choices: { areas: Option[]; categories: Option[] }, categoryLabel: (id: string) => string): SafeHtml {
  const { t } = ctx;
  return html`
<form method="get" action="/reports" class="filters" aria-label="${t.filter}">
  ${select('area', t.area, choices.areas, filter.area, t.all)}
  ${select('category', t.category, choices.categories, filter.category, t.all)}
  ${select('status', t.status, REPORT_STATUSES.map((s) => ({ value: s, label: says(ctx, s) })), filter.status, t.all)}
  <label>${t.from} <input type="date" name="since" value="${filter.since ?? ''}"></label>
  <label>${t.to} <input type="date" name="until" value="${filter.until ?? ''}"></label>
  <button type="submit">${t.apply}</button>
</form>
${filter.cursor ? '' : html`<p class="help">${t.live_updates}</p>`}
${reportListRegion(ctx, page, filter, categoryLabel)}`;
}

export function reportPage(ctx: PageContext, report: ReportView, timeline: TimelineEntry[], options: { categoryLabel: (id: string) => string; revealed?: string | null; flash?: string | null }): SafeHtml {
  const { t } = ctx;
  const canChange = ctx.canWrite;
  const statuses = (report.status === 'incomplete' ? ['actioned', 'resolved', 'rejected'] : ['verified', 'actioned', 'resolved', 'rejected']) as string[];
  return html`
<dl class="facts">
  <dt>${t.status}</dt><dd id="report-status">${says(ctx, report.status)}</dd>
  <dt>${t.category}</dt><dd>${report.category ? options.categoryLabel(report.category) : '—'}${report.urgent ? html` <span class="tag">${t.urgent}</span>` : ''}</dd>
  <dt>${t.area}</dt><dd>${report.area ? report.area.path.join(' › ') : html`<em>${t.unknown_place}</em>`}</dd>
  <dt>${t.received}</dt><dd>${when(report.createdAt)}</dd>
  ${report.occurredAt ? html`<dt>${t.occurred}</dt><dd>${when(report.occurredAt)}</dd>` : ''}
  <dt>${t.source}</dt><dd>${report.source.toUpperCase()} (${report.language ?? '—'})</dd>
  <dt>${t.reporter}</dt><dd>${report.reporter ?? '—'}</dd>
  <dt>${t.description}</dt><dd class="text">${report.erased ? html`<em>${t.erased}</em>` : (report.description ?? '—')}</dd>
</dl>
${report.groupedWith ? html`<p class="note">${fill(t.grouped_with, { ref: report.groupedWith })}</p>` : ''}
${options.revealed !== undefined ? html`<p class="revealed" role="status">${options.revealed ? html`${t.number_revealed} <strong>${options.revealed}</strong>` : t.no_number}</p>` : ''}
<section aria-labelledby="timeline-title">
  <h2 id="timeline-title">${t.timeline}</h2>
  <ol class="timeline" id="timeline">${timeline.map((e) => html`<li>${when(e.at)} <strong>${says(ctx, e.type)}</strong> · ${e.by}${e.detail ? html`: <span class="text">${e.detail}</span>` : ''}</li>`)}</ol>
</section>
${
  canChange
    ? html`<section aria-labelledby="status-title">
  <h2 id="status-title">${t.change_status}</h2>
  <form method="post" action="/reports/${report.ref}/status" class="stack">
    ${hiddenCsrf(ctx)}
    <label>${t.status} <select name="status" required>${statuses.map((s) => html`<option value="${s}">${says(ctx, s)}</option>`)}</select></label>
    <label>${t.note} <textarea name="note" maxlength="500" rows="3"></textarea></label>
    <button type="submit">${t.save}</button>
  </form>
</section>`
    : ''
}
${
  ctx.isAdmin && report.reporter && options.revealed === undefined
    ? html`<section aria-labelledby="reveal-title">
  <h2 id="reveal-title">${t.reveal_number}</h2>
  <p class="help">${t.reveal_help}</p>
  <form method="post" action="/reports/${report.ref}/reveal">${hiddenCsrf(ctx)}<button type="submit" class="danger">${t.reveal_number}</button></form>
</section>`
    : ''
}`;
}

type AlertRow = ReturnType<ReportQueries['alertBoard']>[number];

export function alertsPage(ctx: PageContext, items: AlertRow[], status: string | undefined): SafeHtml {
  const { t } = ctx;
  const statuses = ['open', 'acknowledged', 'escalated', 'unanswered'];
  return html`
<p class="periods">${[undefined, ...statuses].map((s) => (s === status ? html`<strong>${s ? says(ctx, s) : t.all}</strong>` : html`<a href="/alerts${s ? `?status=${s}` : ''}">${s ? says(ctx, s) : t.all}</a>`))}</p>
${
  items.length === 0
    ? html`<p>${t.no_alerts}</p>`
    : html`<div class="scroll"><table>
  <thead><tr><th scope="col">${t.ref}</th><th scope="col">${t.area}</th><th scope="col">${t.committee}</th><th scope="col">${t.level}</th><th scope="col">${t.status}</th><th scope="col">${t.sent}</th><th scope="col">${t.taken_by}</th><th scope="col">${t.minutes_open}</th><th scope="col">${t.escalations}</th></tr></thead>
  <tbody>${items.map(
    (a) => html`<tr class="alert-${a.status}"><td><a href="/reports/${a.report}">${a.report}</a></td><td>${a.area ?? '—'}</td><td>${a.committee.name ?? a.committee.code}</td><td>${a.level}</td><td>${says(ctx, a.status)}</td><td>${when(a.sentAt)}</td><td>${a.takenBy ?? '—'}</td><td>${a.minutesOpen}</td><td>${a.escalations}</td></tr>`,
  )}</tbody></table></div>`
}`;
}

export function triagePage(ctx: PageContext, items: ReportView[], categoryLabel: (id: string) => string): SafeHtml {
  const { t } = ctx;
  return html`<p class="help">${t.triage_help}</p>${items.length ? reportRows(ctx, items, categoryLabel) : html`<p>${t.no_triage}</p>`}`;
}
