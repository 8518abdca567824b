// Checks of the Grafana dashboards that need no TypeScript; called by .ci/check-grafana.
//
//   node check-grafana.mjs check  REPO SCHEMA_DIR TS_DIR [--update]
//     REPO       the repository root
//     SCHEMA_DIR the directory holding node_modules/@grafana/schema
//     TS_DIR     where to write the generated TypeScript: ok/*.ts must type-check,
//                bad/*.ts must each fail (mutated copies: wrong enums, wrong field types)
//     --update   rewrite grafana/metrics-used.txt and grafana/recording-rules-used.txt
//
// Prints one line per problem and exits 1 if there is any. Runs its own negative self-test
// of the non-TypeScript checks on mutated copies first.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [, , mode, repo, schemaDir, tsDir, ...rest] = process.argv;
if (mode !== 'check' || !repo || !schemaDir || !tsDir) {
  console.error('usage: node check-grafana.mjs check REPO SCHEMA_DIR TS_DIR [--update]');
  process.exit(2);
}
const update = rest.includes('--update');

const DASH_DIR = path.join(repo, 'grafana', 'dashboards');
const METRICS_USED = path.join(repo, 'grafana', 'metrics-used.txt');
const RULES_USED = path.join(repo, 'grafana', 'recording-rules-used.txt');
const DOC = path.join(repo, 'docs', 'metrics.md');
const DS_UID = 'prometheus';
const MIN_SCHEMA_VERSION = 39;
const PREFIXES = /^(penultimate_|kafka_|jvm_|process_)/;
// The metric-name patterns of the contract; the look-behind keeps a match from starting inside
// a longer identifier (process_ in kafka_stream_thread_process_rate).
const METRIC_RE = /(?<![A-Za-z0-9_:])(penultimate:[a-z_:0-9]+|penultimate_[a-z_0-9]+|kafka_[a-z_0-9]+|jvm_[a-z_0-9]+|process_[a-z_0-9]+)/g;
const BUILTIN_VARS = new Set(['__rate_interval', '__interval', '__interval_ms', '__range', '__range_s',
  '__range_ms', '__dashboard', '__from', '__to', '__org', '__user', '__name']);

// ---------- docs/metrics.md: the allowed names ----------
function loadContract(docText) {
  const exact = new Set();
  const prefixes = [];
  for (const m of docText.matchAll(/`([^`\n]+)`/g)) {
    const span = m[1].trim();
    const parts = span.split('/');
    const first = parts[0];
    if (!PREFIXES.test(first) || !/^[a-z_0-9*]+$/.test(first)) continue;
    if (first.endsWith('*')) { prefixes.push(first.slice(0, -1)); continue; }
    exact.add(first);
    // `x_bucket/_count/_sum/_max` -> x_bucket, x_count, x_sum, x_max
    const base = first.replace(/_(bucket|count|sum|max|total)$/, '');
    for (const suffix of parts.slice(1)) {
      if (/^_[a-z]+$/.test(suffix)) exact.add(base + suffix);
    }
  }
  return { exact, prefixes };
}

function documented(contract, name) {
  if (name.startsWith('penultimate:')) return true; // recording rule
  if (contract.exact.has(name)) return true;
  return contract.prefixes.some((p) => name.startsWith(p));
}

// ---------- PromQL syntax (the parser of Prometheus' own query editor) ----------
const { parser: promql } = createRequire(path.join(schemaDir, 'package.json'))('@prometheus-io/lezer-promql');
// Grafana variables replaced by something of the same syntactic kind.
const SUBST = [[/\$__(rate_interval|interval|range)\b/g, '5m'], [/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, 'x']];

/** null if expr parses as PromQL, else the offset of the first syntax error. */
function promqlError(expr) {
  const text = SUBST.reduce((e, [re, to]) => e.replace(re, to), expr);
  let at = null;
  promql.parse(text).iterate({ enter: (n) => { if (at === null && n.type.isError) at = n.from; return at === null; } });
  return at === null ? null : { at, text };
}

// ---------- walking a dashboard ----------
function allPanels(dash) {
  const out = [];
  for (const p of dash.panels ?? []) {
    out.push(p);
    if (p.type === 'row') for (const q of p.panels ?? []) out.push(q);
  }
  return out;
}

function stripStrings(expr) {
  return expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/'(?:[^'\\]|\\.)*'/g, "''");
}

function expressions(dash) {
  const out = [];
  for (const p of allPanels(dash)) {
    for (const t of p.targets ?? []) if (typeof t.expr === 'string') out.push({ where: `panel ${p.id} "${p.title}" ${t.refId}`, expr: t.expr });
  }
  for (const v of dash.templating?.list ?? []) {
    const q = typeof v.query === 'string' ? v.query : v.query?.query;
    if (v.type === 'query' && typeof q === 'string') out.push({ where: `variable ${v.name}`, expr: q, variable: true });
  }
  return out;
}

function metricsOf(expr) {
  return [...stripStrings(expr).matchAll(METRIC_RE)].map((m) => m[1]);
}

// ---------- the checks ----------
function checkDashboards(dashboards, contract) {
  const errors = [];
  const uids = new Map();
  const used = new Set();
  for (const { file, dash } of dashboards) {
    const e = (msg) => errors.push(`${file}: ${msg}`);
    if (typeof dash.uid !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(dash.uid)) e(`bad or missing uid ${JSON.stringify(dash.uid)}`);
    else if (uids.has(dash.uid)) e(`uid ${dash.uid} also used by ${uids.get(dash.uid)}`);
    else uids.set(dash.uid, file);
    if (typeof dash.title !== 'string' || !dash.title) e('missing title');
    if (!(dash.schemaVersion >= MIN_SCHEMA_VERSION)) e(`schemaVersion ${dash.schemaVersion} < ${MIN_SCHEMA_VERSION}`);
    if ('id' in dash && dash.id !== null) e('dashboard id must be null or absent for provisioning');

    const vars = new Set((dash.templating?.list ?? []).map((v) => v.name));
    for (const v of dash.templating?.list ?? []) {
      if (v.type === 'query' && v.datasource?.uid !== DS_UID) e(`variable ${v.name}: datasource uid is ${JSON.stringify(v.datasource?.uid)}, not ${DS_UID}`);
    }

    const ids = new Set();
    for (const p of allPanels(dash)) {
      const where = `panel ${p.id} "${p.title}"`;
      if (typeof p.id !== 'number') e(`${where}: missing numeric id`);
      else if (ids.has(p.id)) e(`${where}: duplicate panel id`);
      ids.add(p.id);
      const g = p.gridPos;
      if (!g || g.x < 0 || g.w < 1 || g.x + g.w > 24 || g.h < 1 || g.y < 0) e(`${where}: gridPos ${JSON.stringify(g)} outside the 24-column grid`);
      if (p.type === 'row') continue;
      if (p.datasource?.uid !== DS_UID || p.datasource?.type !== 'prometheus') e(`${where}: datasource ${JSON.stringify(p.datasource)} is not {type: prometheus, uid: ${DS_UID}}`);
      if (typeof p.title !== 'string' || !p.title) e(`${where}: missing title`);
      if (typeof p.description !== 'string' || !p.description.trim()) e(`${where}: missing description`);
      const targets = p.targets ?? [];
      if (targets.length === 0) e(`${where}: no targets`);
      const refIds = new Set();
      for (const t of targets) {
        if (t.datasource && (t.datasource.uid !== DS_UID)) e(`${where} ${t.refId}: target datasource uid ${JSON.stringify(t.datasource.uid)} is not ${DS_UID}`);
        if (typeof t.expr !== 'string' || !t.expr.trim()) e(`${where}: target without expr`);
        if (typeof t.refId !== 'string' || refIds.has(t.refId)) e(`${where}: missing or duplicate refId ${t.refId}`);
        refIds.add(t.refId);
      }
    }

    for (const { where, expr, variable } of expressions(dash)) {
      // Grafana's label_values(metric, label) / label_values(label): the metric selector is PromQL.
      const lv = variable ? /^\s*label_values\(\s*(?:(.+),\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\s*\)\s*$/.exec(expr) : null;
      const query = variable ? (lv ? lv[1] : null) : expr;
      if (variable && !lv) e(`${where}: not a label_values(...) query: ${expr}`);
      if (query) {
        const bad = promqlError(query);
        if (bad) e(`${where}: PromQL syntax error at ${bad.at} in ${bad.text}`);
      }
      const bare = stripStrings(expr);
      let depth = 0;
      for (const ch of bare) {
        if ('({['.includes(ch)) depth++;
        if (')}]'.includes(ch)) depth--;
        if (depth < 0) break;
      }
      if (depth !== 0) e(`${where}: unbalanced brackets in ${expr}`);
      for (const m of expr.matchAll(/\$(?:\{)?([A-Za-z_][A-Za-z0-9_]*)/g)) {
        if (!vars.has(m[1]) && !BUILTIN_VARS.has(m[1])) e(`${where}: uses undefined variable $${m[1]}`);
      }
      const names = metricsOf(expr);
      if (names.length === 0) e(`${where}: no metric name found in ${expr}`);
      for (const name of names) {
        if (!documented(contract, name)) e(`${where}: metric ${name} is not in docs/metrics.md`);
        used.add(name);
      }
    }
  }
  return { errors, used };
}

function checkProvisioning() {
  const errors = [];
  const ds = fs.readFileSync(path.join(repo, 'grafana/provisioning/datasources/prometheus.yaml'), 'utf8');
  for (const [re, what] of [[/^\s*uid:\s*prometheus\s*$/m, 'uid: prometheus'], [/^\s*url:\s*http:\/\/prometheus:9090\s*$/m, 'url: http://prometheus:9090'],
    [/^\s*isDefault:\s*true\s*$/m, 'isDefault: true'], [/^\s*type:\s*prometheus\s*$/m, 'type: prometheus']]) {
    if (!re.test(ds)) errors.push(`grafana/provisioning/datasources/prometheus.yaml: no ${what}`);
  }
  const pv = fs.readFileSync(path.join(repo, 'grafana/provisioning/dashboards/penultimate.yaml'), 'utf8');
  for (const [re, what] of [[/^\s*path:\s*\/var\/lib\/grafana\/dashboards\s*$/m, 'path: /var/lib/grafana/dashboards'],
    [/^\s*folder:\s*"?penultimate"?\s*$/m, 'folder: penultimate'], [/^\s*type:\s*file\s*$/m, 'type: file']]) {
    if (!re.test(pv)) errors.push(`grafana/provisioning/dashboards/penultimate.yaml: no ${what}`);
  }
  return errors;
}

// ---------- TypeScript generation ----------
const schemaPkg = JSON.parse(fs.readFileSync(path.join(schemaDir, 'node_modules/@grafana/schema/package.json'), 'utf8'));

/** The panelcfg module of a panel type, or null if @grafana/schema has none (unknown panel type). */
function panelModule(type) {
  const dir = type.replace(/-/g, '');
  const key = Object.keys(schemaPkg.exports ?? {}).find((k) =>
    new RegExp(`^\\./dist/esm/raw/composable/${dir}/panelcfg/x/[A-Za-z]+PanelCfg_types\\.gen$`).test(k));
  if (!key) return null;
  const dts = path.join(schemaDir, 'node_modules/@grafana/schema', schemaPkg.exports[key].types);
  const text = fs.readFileSync(dts, 'utf8');
  return {
    spec: '@grafana/schema' + key.slice(1),
    alias: 'cfg_' + dir,
    options: /export interface Options\b/.test(text),
    fieldConfig: /export interface FieldConfig\b/.test(text),
  };
}

const PRELUDE = `import type { Dashboard, Panel, FieldConfigSource, FieldConfig } from '@grafana/schema';
// JSON has no enums: a string enum member is accepted as its string value (and nothing else);
// numeric enums stay as they are (TypeScript 5 rejects a number that is no member).
type Json<T> = T extends string ? \`\${T}\` : T extends readonly (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
// Panel options and custom field config: Grafana fills in defaults, so every key is optional,
// but a key that is given must exist and have the right type.
type Loose<T> = T extends string ? \`\${T}\` : T extends readonly (infer U)[] ? Loose<U>[] : T extends object ? { [K in keyof T]?: Loose<T[K]> } : T;
type PanelOf<O, F> = Omit<Json<Panel>, 'options' | 'fieldConfig'> & {
  options?: Loose<O>;
  fieldConfig?: Omit<Json<FieldConfigSource>, 'defaults'> & { defaults: Omit<Json<FieldConfig>, 'custom'> & { custom?: Loose<F> } };
};
`;

function toTs(dash, errors, file) {
  const imports = new Map();
  const panelDecls = [];
  for (const p of allPanels(dash)) {
    if (p.type === 'row') continue;
    const mod = panelModule(String(p.type));
    if (!mod) { errors.push(`${file}: panel ${p.id} "${p.title}": unknown panel type ${JSON.stringify(p.type)} (no panelcfg in @grafana/schema)`); continue; }
    imports.set(mod.alias, mod.spec);
    const o = mod.options ? `${mod.alias}.Options` : 'Record<string, unknown>';
    const f = mod.fieldConfig ? `${mod.alias}.FieldConfig` : 'Record<string, unknown>';
    panelDecls.push(`export const panel_${p.id}: PanelOf<${o}, ${f}> = ${JSON.stringify(p, null, 2)};\n`);
  }
  return PRELUDE
    + [...imports].map(([alias, spec]) => `import type * as ${alias} from '${spec}';\n`).join('')
    + `\nexport const dashboard: Json<Dashboard> = ${JSON.stringify(dash, null, 2)};\n\n`
    + panelDecls.join('\n');
}

// Mutated copies that tsc must reject: each breaks exactly one thing the schema types forbid.
const MUTATIONS = [
  ['string-enum-thresholds-mode', (d) => { firstPanel(d, (p) => p.fieldConfig?.defaults?.thresholds).fieldConfig.defaults.thresholds.mode = 'absolutely'; }],
  ['string-enum-color-mode', (d) => { firstPanel(d, (p) => p.fieldConfig?.defaults?.color).fieldConfig.defaults.color.mode = 'rainbow'; }],
  ['numeric-enum-graph-tooltip', (d) => { d.graphTooltip = 7; }],
  ['variable-type', (d) => { d.templating.list[0].type = 'querry'; }],
  ['field-type-gridpos', (d) => { firstPanel(d, (p) => p.gridPos).gridPos.h = '8'; }],
  ['field-type-title', (d) => { d.title = 42; }],
  ['unknown-dashboard-field', (d) => { d.pannels = d.panels; }],
  ['panel-option-enum-legend', (d) => { firstPanel(d, (p) => p.type === 'timeseries').options.legend.displayMode = 'tabel'; }],
  ['panel-option-field-type', (d) => { firstPanel(d, (p) => p.type === 'timeseries').options.legend.showLegend = 'yes'; }],
  ['panel-custom-enum-stacking', (d) => { firstPanel(d, (p) => p.type === 'timeseries').fieldConfig.defaults.custom.stacking.mode = 'stacked'; }],
];

function firstPanel(d, pred) {
  const p = allPanels(d).find((q) => q.type !== 'row' && pred(q));
  if (!p) throw new Error('self-test: no panel to mutate');
  return p;
}

// ---------- main ----------
const errors = [];
const contract = loadContract(fs.readFileSync(DOC, 'utf8'));
if (contract.exact.size < 20) errors.push(`docs/metrics.md: only ${contract.exact.size} metric names parsed`);

const files = fs.readdirSync(DASH_DIR).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) errors.push('grafana/dashboards: no dashboards');
const dashboards = [];
for (const f of files) {
  const file = `grafana/dashboards/${f}`;
  try { dashboards.push({ file, dash: JSON.parse(fs.readFileSync(path.join(DASH_DIR, f), 'utf8')) }); }
  catch (err) { errors.push(`${file}: not valid JSON: ${err.message}`); }
}

// Negative self-test of the checks above: each mutated copy must be reported.
const clone = (x) => JSON.parse(JSON.stringify(x));
const selfTests = [
  ['undocumented metric', (ds) => { firstPanel(ds[0].dash, () => true).targets[0].expr = 'rate(penultimate_bogus_total[1m])'; }],
  ['undocumented histogram suffix', (ds) => { firstPanel(ds[0].dash, () => true).targets[0].expr = 'penultimate_confidence_max'; }],
  ['panel datasource', (ds) => { firstPanel(ds[0].dash, () => true).datasource = { type: 'prometheus', uid: 'other' }; }],
  ['duplicate uid', (ds) => { ds[1].dash.uid = ds[0].dash.uid; }],
  ['undefined variable', (ds) => { firstPanel(ds[0].dash, () => true).targets[0].expr = 'penultimate_ood_rate{instance=~"$nope"}'; }],
  ['missing description', (ds) => { delete firstPanel(ds[0].dash, () => true).description; }],
  ['PromQL syntax', (ds) => { firstPanel(ds[0].dash, () => true).targets[0].expr = 'sum by (le (rate(penultimate_events_total[1m]))'; }],
  ['PromQL unknown function', (ds) => { firstPanel(ds[0].dash, () => true).targets[0].expr = 'histogram_quantil(0.5, penultimate_batch_size_bucket)'; }],
];
if (dashboards.length >= 2) {
  for (const [name, mutate] of selfTests) {
    const copy = clone(dashboards);
    mutate(copy);
    if (checkDashboards(copy, contract).errors.length === 0) errors.push(`self-test: the check did not catch a mutated dashboard (${name})`);
  }
  const ts = [];
  toTs({ panels: [{ type: 'timeserie', id: 1, title: 'x' }] }, ts, 'self-test');
  if (ts.length === 0) errors.push('self-test: the check did not catch an unknown panel type');
}

const result = checkDashboards(dashboards, contract);
errors.push(...result.errors, ...checkProvisioning());

// metrics-used.txt: the names a scrape of penultimate serve must show; recording rules apart.
const scraped = [...result.used].filter((n) => !n.startsWith('penultimate:')).sort();
const rules = [...result.used].filter((n) => n.startsWith('penultimate:')).sort();
for (const [file, names] of [[METRICS_USED, scraped], [RULES_USED, rules]]) {
  const want = names.join('\n') + '\n';
  const rel = path.relative(repo, file);
  if (update) fs.writeFileSync(file, want);
  else if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== want) {
    errors.push(`${rel} is stale: run .ci/check-grafana --update and commit it`);
  }
}

// TypeScript sources for tsc.
fs.mkdirSync(path.join(tsDir, 'ok'), { recursive: true });
fs.mkdirSync(path.join(tsDir, 'bad'), { recursive: true });
for (const { file, dash } of dashboards) {
  const base = path.basename(file, '.json').replace(/[^A-Za-z0-9]/g, '_');
  fs.writeFileSync(path.join(tsDir, 'ok', `${base}.ts`), toTs(dash, errors, file));
}
if (dashboards.length > 0) {
  for (const [name, mutate] of MUTATIONS) {
    const d = clone(dashboards[0].dash);
    mutate(d);
    fs.writeFileSync(path.join(tsDir, 'bad', `${name.replace(/-/g, '_')}.ts`), toTs(d, [], 'mutation'));
  }
}

for (const err of errors) console.log(`FAIL ${err}`);
console.log(`checked ${dashboards.length} dashboards, ${result.used.size} metric names (${scraped.length} scraped, ${rules.length} recording rules), ${selfTests.length + 1} check self-tests`);
process.exit(errors.length ? 1 : 0);
