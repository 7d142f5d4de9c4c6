import { loadFlow, loadTaxonomy } from '../../src/flows/flow-schema';
import { initialState, render, transition, type EffectResult, type EffectRunner, type EngineContext, type FlowState } from '../../src/flows/flow-engine';
import type { Area, AreaDirectory } from '../../src/areas/area-directory';

/**
 * The flow engine alone (no database, no HTTP): a table of inputs and the screen each leads to, on
 * the shipped flows and a two-level area tree held in memory. Milliseconds.
 */
const areasInMemory = (): AreaDirectory => {
  const all: Area[] = [
    { code: 'KE', name: 'Kenya', parentCode: null, level: 'country', aliases: [], lat: null, lon: null },
    { code: 'KE-17', name: 'Kisumu', parentCode: 'KE', level: 'county', aliases: [], lat: null, lon: null },
    { code: 'KE-17-01', name: 'Kondele', parentCode: 'KE-17', level: 'ward', aliases: [], lat: null, lon: null },
  ];
  const get = (code: string) => all.find((a) => a.code === code);
  const path = (code: string) => {
    const out = [];
    for (let at = get(code); at; at = at.parentCode ? get(at.parentCode) : undefined) out.unshift(at);
    return out;
  };
  return {
    reload: () => undefined,
    refreshIfChanged: () => undefined,
    get,
    childrenOf: (code: string | null) => all.filter((a) => a.parentCode === (code ?? 'KE')),
    path,
    isWithin: (code: string, ancestor: string) => path(code).some((a) => a.code === ancestor),
    subtreeCodes: (code: string) => all.filter((a) => path(a.code).some((p) => p.code === code)).map((a) => a.code),
    search: (typed: string) => all.filter((a) => a.name.toLowerCase().startsWith(typed.toLowerCase())).map((area) => ({ area, score: 1, matched: area.name.toLowerCase() })),
    searchByKey: (): Area[] => [],
    searchFolded: (folded: string) => all.filter((a) => a.name.toLowerCase().startsWith(folded)).map((area) => ({ area, score: 1, matched: area.name.toLowerCase() })),
    rootFor: () => 'KE',
    all: () => all,
    size: () => all.length,
  };
};

const ctx: EngineContext = { flow: loadFlow(), taxonomy: loadTaxonomy(), areas: areasInMemory(), rootArea: 'KE' };
const effects: string[] = [];
const run: EffectRunner = (effect): EffectResult | void => {
  effects.push(effect.type);
  if (effect.type === 'submit_report') return { answers: { ref: 'K7Q2M' } };
  if (effect.type === 'lookup_status') return { answers: { status: 'unknown' } };
};

/** [inputs after dialling, how the last screen starts, whether it ends the session] */
const TABLE: [string[], RegExp, boolean][] = [
  [[], /^Peace Line\. Reports are confidential\.\n1 Report an incident/, false],
  [['1'], /^What happened\?\n1 Violence/, false],
  [['1', '9'], /^Invalid choice\./, false],
  [['1', '1'], /^Where did it happen\?/, false],
  [['1', '1', '0'], /^What happened\?/, false],
  [['1', '1', '00'], /^Peace Line\./, false],
  [['1', '1', 'kondele'], /^Did you mean:\n1 Kondele/, false],
  [['1', '1', 'kondele', '1', '2'], /^Is anyone hurt or in danger now\?/, false],
  [['1', '1', 'kondele', '1', '2', '2', 'ok'], /^Too short\./, false],
  [['1', '1', 'kondele', '1', '2', '2', 'Stones thrown at the market'], /^Send report\? Violence, Kondele, Earlier today/, false],
  [['1', '1', 'kondele', '1', '2', '2', 'Stones thrown at the market', '1'], /^Thank you\. Your report ref is K7Q2M\./, true],
  [['2', 'AAAAA'], /^No report with ref AAAAA\./, true],
  [['5'], /^Peace Line: report tension or violence near you\./, true],
];

describe('the flow engine, input by input', () => {
  it.each(TABLE)('after %j, the screen is %s (end: %s)', (inputs, screen, end) => {
    let state: FlowState = initialState(ctx.flow, 'en');
    for (const input of inputs) state = transition(ctx, state, input, run);
    const rendered = render(ctx, state);
    expect(rendered.text).toMatch(screen);
    expect(rendered.end).toBe(end);
    expect(rendered.text.length + 4).toBeLessThanOrEqual(182); // "CON " included
  });

  it('when the report is confirmed, then exactly one submit effect runs', () => {
    effects.length = 0;
    let state: FlowState = initialState(ctx.flow, 'en');
    for (const input of ['1', '1', 'kondele', '1', '2', '2', 'Stones thrown at the market', '1']) state = transition(ctx, state, input, run);
    expect(effects.filter((e) => e === 'submit_report')).toHaveLength(1);
  });
});
