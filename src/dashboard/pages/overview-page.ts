import type { ReportQueries } from '../../reports/report-queries';
import { fill } from '../dashboard-texts';
import { html, jsonBlock, type SafeHtml } from '../html';
import type { PageContext } from '../layout';

type Overview = ReturnType<ReportQueries['overview']>;

/**
 * Figures first (they read on any phone), then the chart and the map, each with a table that says
 * the same for readers without JavaScript or sight.
 */
export function overviewPage(ctx: PageContext, data: Overview, options: { days: number; categoryLabel: (id: string) => string; mapTilesUrl: string | null }): SafeHtml {
  const { t } = ctx;
  const total = data.series.reduce((sum, s) => sum + s.counts.reduce((a, b) => a + b, 0), 0);
  const card = (label: string, value: number | string, href: string) => html`<li class="card"><a href="${href}"><span class="figure">${value}</span> <span>${label}</span></a></li>`;
  return html`
<p class="periods">${[7, 30].map((n) => (n === options.days ? html`<strong>${fill(t.last_days, { n })}</strong>` : html`<a href="/?days=${n}">${fill(t.last_days, { n })}</a>`))}</p>
<ul class="cards">
  ${card(t.open_alerts, data.alerts.open ?? 0, '/alerts?status=open')}
  ${card(t.escalated_alerts, data.alerts.escalated ?? 0, '/alerts?status=escalated')}
  ${card(t.unanswered_alerts, data.alerts.unanswered ?? 0, '/alerts?status=unanswered')}
  ${card(t.triage_count, data.triageCount, '/triage')}
  ${card(t.silent_areas, data.silentAreas.length, '#silent')}
</ul>
<section aria-labelledby="chart-title">
  <h2 id="chart-title">${t.reports_per_day}</h2>
  ${
    total === 0
      ? html`<p>${t.no_reports_period}</p>`
      : html`<div id="chart" class="chart" aria-hidden="true"></div>
  ${jsonBlock('chart-data', { days: data.days, series: data.series.map((s) => ({ label: options.categoryLabel(s.category), counts: s.counts })) })}
  <div class="scroll"><table class="compact">
    <caption>${t.reports_per_day}</caption>
    <thead><tr><th scope="col">${t.day}</th>${data.series.map((s) => html`<th scope="col">${options.categoryLabel(s.category)}</th>`)}</tr></thead>
    <tbody>${data.days.map((day, i) => html`<tr><th scope="row">${day}</th>${data.series.map((s) => html`<td>${s.counts[i]}</td>`)}</tr>`)}</tbody>
  </table></div>`
  }
</section>
<section aria-labelledby="map-title">
  <h2 id="map-title">${t.map_title}</h2>
  <p class="help">${t.map_help}</p>
  ${data.points.length ? html`<div id="map" class="map" role="region" aria-label="${t.map_title}"></div>${jsonBlock('map-data', { points: data.points, tiles: options.mapTilesUrl })}` : ''}
  ${
    data.points.length
      ? html`<table class="compact"><thead><tr><th scope="col">${t.area}</th><th scope="col">${t.nav_reports}</th></tr></thead>
      <tbody>${data.points.map((p) => html`<tr><td><a href="/reports?area=${encodeURIComponent(p.code)}">${p.name}</a></td><td>${p.count}</td></tr>`)}</tbody></table>`
      : html`<p>${t.no_reports_period}</p>`
  }
</section>
<section aria-labelledby="silent" >
  <h2 id="silent">${t.silent_areas}</h2>
  <p class="help">${t.silent_areas_help}</p>
  ${data.silentAreas.length ? html`<ul>${data.silentAreas.map((a) => html`<li>${a.name} (${a.code})</li>`)}</ul>` : html`<p>${t.none}</p>`}
</section>`;
}
