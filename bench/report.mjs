// Markdown for the browser benchmark's results (bench/browser.mjs), and its place in
// docs/PERFORMANCE.md between <!-- browser-bench:start --> and <!-- browser-bench:end -->.
// `node bench/report.mjs [results.json]` re-renders the section from saved results.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const START = '<!-- browser-bench:start -->';
const END = '<!-- browser-bench:end -->';

export const BUDGETS = {
  editP95Ms: 16, // edit → paint p95 at 1,000 and 10,000 enterprises
  firstVisitMs: 1500, // first visit → first paint over a 10 Mbit/s, 20 ms link
  repeatVisitMs: 400, // repeat visit → first paint, from the service worker
  vsVanilla: 1.5, // ours / vanilla, annual-target edit at 1,000, p50
};

const ms = (x) => (x === null || x === undefined ? 'n/a' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : Math.round(x).toString());
const mib = (b) => (b === null || b === undefined ? 'n/a' : (b / 1024 / 1024).toFixed(1));
const kib = (b) => (b / 1024).toFixed(1);
const thousands = (n) => Number(n).toLocaleString('en-US');
const verdict = (ok) => (ok === null ? 'n/a' : ok ? '**pass**' : '**miss**');
const trio = (s) => (s ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.max)}` : 'n/a');

export function markdownTable(r) {
  const m = r.machine;
  const ns = Object.keys(r.app).map(Number).sort((a, b) => a - b);
  const app = (n) => r.app[n];
  const col = (f) => ns.map((n) => f(app(n))).join(' | ');
  const out = [];
  out.push(`Measured ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM (load average ${m.loadavg?.[0] ?? '?'} at the start, ${m.loadavgEnd?.[0] ?? '?'} at the end); headless Chromium ${m.chromium}; Node ${m.node}. `
    + `Release build in \`dist/\`; ${r.settings.edits} measured edits per row after ${r.settings.warmup} warm-up edits; `
    + `viewport ${r.settings.viewport.width}×${r.settings.viewport.height}. Reproduce: \`make bench-browser\` (or \`node bench/browser.mjs DATA_DIR\`).`);
  out.push('');
  out.push(`| | ${ns.map((n) => `${thousands(n)} enterprises`).join(' | ')} |`);
  out.push(`|---|${ns.map(() => '---:').join('|')}|`);
  out.push(`| table rows (drawn of total) | ${col((a) => `${a.rows} of ${(a.rowCount || '').replace(/\D/g, '') || '?'}`)} |`);
  out.push(`| cold load → first paint, ms (median of ${r.settings.coldRuns}, scenario in localStorage) | ${col((a) => ms(a.coldFmp))} |`);
  out.push(`| of which \`qp-load\` (read + parse), ms | ${col((a) => ms(a.coldLoadMeasure))} |`);
  out.push(`| browser's first-contentful-paint on that load, ms (median) | ${col((a) => ms(median(a.cold.map((c) => c.fcp).filter((x) => x != null))))} |`);
  out.push(`| first visit (built-in example, empty storage) → first paint, ms | ${col((a) => ms(a.coldEmpty?.fmp))} |`);
  out.push(`| import JSON → paint, ms | ${col((a) => ms(a.import?.ms))} |`);
  out.push(`| annual target edit → paint, ms p50 / p95 / max | ${col((a) => trio(a.targetEdit))} |`);
  out.push(`| held amount edit → sibling's paint, ms p50 / p95 / max | ${col((a) => trio(a.heldEdit))} |`);
  out.push(`| of which plan() in wasm (qp-plan), ms p50 / p95 / max | ${col((a) => (a.targetEdit?.plan ? trio(a.targetEdit.plan) : 'n/a'))} |`);
  out.push(`| \`qp-save\` (serialize + localStorage), ms median (max; count) | ${col((a) => (a.saves?.length ? `${ms(median(a.saves))} (${ms(Math.max(...a.saves))}; ${a.saves.length})` : 'n/a'))} |`);
  out.push(`| localStorage used, chars | ${col((a) => (a.storageChars != null ? thousands(a.storageChars) : 'n/a'))} |`);
  out.push(`| save state after the edits | ${col((a) => a.saveState ?? 'n/a')} |`);
  out.push(`| JS heap used after import (after GC), MiB | ${col((a) => mib(a.jsHeapUsed))} |`);
  out.push(`| wasm linear memory after import, MiB | ${col((a) => mib(a.wasmMemory))} |`);
  out.push('');

  const v = r.vanilla?.[1000];
  const vAll = r.vanilla?.['1000-all'];
  const a1k = r.app[1000];
  if (v && a1k) {
    out.push(`Vanilla JavaScript baseline (\`bench/vanilla.html\`, same table, same windowing, only changed text nodes written), 1,000 enterprises:`);
    out.push('');
    out.push('| annual target edit → paint, ms | p50 | p95 | max |');
    out.push('|---|---:|---:|---:|');
    out.push(`| quota-planner (Leptos + wasm) | ${ms(a1k.targetEdit.p50)} | ${ms(a1k.targetEdit.p95)} | ${ms(a1k.targetEdit.max)} |`);
    out.push(`| vanilla, windowed (${v.rows} rows drawn) | ${ms(v.targetEdit.p50)} | ${ms(v.targetEdit.p95)} | ${ms(v.targetEdit.max)} |`);
    if (vAll) out.push(`| vanilla, every row drawn (${vAll.rows} rows) | ${ms(vAll.targetEdit.p50)} | ${ms(vAll.targetEdit.p95)} | ${ms(vAll.targetEdit.max)} |`);
    out.push(`| (load → first paint: app ${ms(a1k.coldFmp)} ms, vanilla ${ms(v.coldFmp)} ms) | | | |`);
    out.push(`| **ours / vanilla (windowed)**, each page in one stretch | **${(a1k.targetEdit.p50 / v.targetEdit.p50).toFixed(2)}** | ${(a1k.targetEdit.p95 / v.targetEdit.p95).toFixed(2)} | ${(a1k.targetEdit.max / v.targetEdit.max).toFixed(2)} |`);
    const pr = r.paired;
    if (pr) {
      out.push(`| the two pages in turns, ${pr.blocks.length} blocks of ${pr.app.n / pr.blocks.length} edits each: quota-planner | ${ms(pr.app.p50)} | ${ms(pr.app.p95)} | ${ms(pr.app.max)} |`);
      out.push(`| … vanilla | ${ms(pr.vanilla.p50)} | ${ms(pr.vanilla.p95)} | ${ms(pr.vanilla.max)} |`);
      out.push(`| ours / vanilla, in turns (each block's ratio of medians: ${Math.min(...pr.blocks).toFixed(2)} – ${Math.max(...pr.blocks).toFixed(2)}) | ${pr.ratio.toFixed(2)} | ${(pr.app.p95 / pr.vanilla.p95).toFixed(2)} | ${(pr.app.max / pr.vanilla.max).toFixed(2)} |`);
    }
    out.push('');
    const pa = a1k.targetEdit.phases;
    const pv = v.targetEdit.phases;
    if (pa && pv) {
      out.push('Where an annual-target edit\'s time goes at 1,000 enterprises: main-thread phases in a Chromium performance trace of 20 more edits, ms per edit (tracing adds a little to each):');
      out.push('');
      const phases = Object.keys(pa);
      out.push(`| | ${phases.join(' | ')} | total |`);
      out.push(`|---|${phases.map(() => '---:').join('|')}|---:|`);
      const row = (name, p) => `| ${name} | ${phases.map((k) => ms(p[k])).join(' | ')} | ${ms(phases.reduce((t, k) => t + (p[k] || 0), 0))} |`;
      out.push(row('quota-planner', pa));
      out.push(row('vanilla', pv));
      out.push('');
    }
    if (v.agreement) {
      out.push(`Cross-check: at target ${v.agreement.target}亿元 the vanilla page shows ${v.agreement.compared - v.agreement.differ} of ${v.agreement.compared} compared enterprise quotas exactly as the app does`
        + (v.agreement.differ ? ` (differ: ${v.agreement.examples.map(([id, a, b]) => `${id} app ${a} vs ${b}`).join('; ')})` : '') + '.');
      out.push('');
    }
  }

  const vi = r.visits;
  if (vi) {
    out.push(`Visits, built-in example (\`benchVisits\`): the first over an office intranet link emulated by Chromium (${vi.link.downloadThroughput * 8 / 1e6} Mbit/s, ${vi.link.latency} ms latency), empty cache and storage; then repeat visits (the storage as the first left it)${vi.worker === false ? ' (this build has no service worker: each fetches over the link again)' : ` once the service worker has precached the app${vi.repeatFromWorker ? ' (each answered by it)' : ' (**not all answered by the service worker**)'}`}:`);
    out.push('');
    out.push('| visit → first paint, ms | |');
    out.push('|---|---:|');
    out.push(`| first visit | ${ms(vi.first)} |`);
    out.push(`| repeat visit (median of ${vi.repeatAll.length}: ${vi.repeatAll.map(ms).join(', ')}) | ${ms(vi.repeat)} |`);
    out.push('');
  }

  out.push('Download size, for information (`dist/`, gzip -9 with Node zlib; KiB = 1,024 bytes):');
  out.push('');
  out.push('| file | raw KiB | gzip KiB |');
  out.push('|---|---:|---:|');
  for (const s of r.sizes) out.push(`| ${s.file.replace(/-[0-9a-f]{8,16}(?=[_.])/, '-…')} | ${kib(s.raw)} | ${kib(s.gzip)} |`);
  const wj = r.sizes.filter((s) => /\.(wasm|js)$/.test(s.file));
  const wjGzip = wj.reduce((t, s) => t + s.gzip, 0);
  out.push(`| **wasm + js** | ${kib(wj.reduce((t, s) => t + s.raw, 0))} | **${kib(wjGzip)}** |`);
  out.push('');

  out.push('Budgets:');
  out.push('');
  out.push('| budget | result | |');
  out.push('|---|---:|---|');
  for (const n of [1000, 10000]) {
    const a = r.app[n];
    if (!a) continue;
    out.push(`| annual target edit → paint p95 ≤ ${BUDGETS.editP95Ms} ms at ${thousands(n)} | ${ms(a.targetEdit.p95)} ms | ${verdict(a.targetEdit.p95 <= BUDGETS.editP95Ms)} |`);
    out.push(`| held amount edit → paint p95 ≤ ${BUDGETS.editP95Ms} ms at ${thousands(n)} | ${ms(a.heldEdit.p95)} ms | ${verdict(a.heldEdit.p95 <= BUDGETS.editP95Ms)} |`);
  }
  if (vi) {
    out.push(`| first visit → first paint ≤ ${BUDGETS.firstVisitMs} ms (10 Mbit/s, 20 ms) | ${ms(vi.first)} ms | ${verdict(vi.first <= BUDGETS.firstVisitMs)} |`);
    out.push(`| repeat visit → first paint ≤ ${BUDGETS.repeatVisitMs} ms (service worker) | ${ms(vi.repeat)} ms | ${verdict(vi.repeat <= BUDGETS.repeatVisitMs)} |`);
  }
  if (v && a1k) {
    const ratio = a1k.targetEdit.p50 / v.targetEdit.p50;
    out.push(`| ours / vanilla ≤ ${BUDGETS.vsVanilla} (annual target edit at 1,000, p50) | ${ratio.toFixed(2)} | ${verdict(ratio <= BUDGETS.vsVanilla)} |`);
  }
  out.push('');

  const notes = [];
  if (r.distChanged) notes.push('`dist/` was rebuilt during this run: sizes are of the build at the end; timings may mix two builds.');
  for (const n of ns) {
    const a = app(n);
    if (a.coldScenario && !/\d/.test(a.coldScenario)) notes.push(`${thousands(n)}: the cold load opened “${a.coldScenario}”, not the imported scenario (was it saved?).`);
    if (a.heldEdit && !a.heldEdit.badge) notes.push(`${thousands(n)}: the held enterprise shows no 锁定 badge after the edits.`);
    if (a.problems?.length) notes.push(`${thousands(n)}: page problems: ${[...new Set(a.problems)].slice(0, 3).join(' · ')}`);
  }
  if (vi?.problems?.length) notes.push(`visits: page problems: ${[...new Set(vi.problems)].slice(0, 3).join(' · ')}`);
  for (const n of ns) {
    const prof = app(n).targetProfile;
    if (prof) {
      notes.push(`${thousands(n)}: CPU profile of ${prof.edits} more annual-target edits (\`${prof.file.split('/').slice(-3).join('/')}\`), top self time per edit: `
        + prof.topSelfMsPerEdit.slice(0, 6).map(([k, v]) => `${k.replace(/-[0-9a-f]{8,16}(?=[_.])/, '-…')} ${v} ms`).join(', ') + '.');
    }
  }
  if (notes.length) {
    out.push('Notes from this run:');
    out.push('');
    for (const x of notes) out.push(`- ${x}`);
    out.push('');
  }
  out.push('Method (details at the top of `bench/browser.mjs`): edits are dispatched as `input` events inside a '
    + '`requestAnimationFrame` callback; the end is the first task after the first frame whose render step '
    + '(a `ResizeObserver` callback, after style and layout, before paint) sees the watched cell’s new text. '
    + 'Cold load is measured from navigation start with the HTTP cache disabled and no service worker. The watched cell is the first '
    + 'enterprise row of the table (for the held edit: the next enterprise of the same industry). As a cross-check '
    + 'of the ratio, the two pages also take turns (both loaded with the same scenario, ten blocks of five measured '
    + 'edits each after one unmeasured, a second\'s pause after each block), so that the machine\'s load weighs on both alike.');
  return out.join('\n');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.ceil(0.5 * s.length) - 1] : null;
}

/** Replace the section between the markers (create the file or the markers if absent). */
export async function writeReport(path, md) {
  let doc = existsSync(path)
    ? await readFile(path, 'utf8')
    : '# Performance\n\nHow fast the planner is, measured. Regenerate with `make bench`.\n\n## In the browser\n\n';
  const block = `${START}\n${md}\n${END}`;
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + block + doc.slice(b + END.length);
  else doc = doc.replace(/\n*$/, '\n\n') + block + '\n';
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, doc);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..');
  const file = process.argv[2] || join(root, 'bench', 'results', 'browser.json');
  const results = JSON.parse(await readFile(file, 'utf8'));
  const md = markdownTable(results);
  await writeReport(join(root, 'docs', 'PERFORMANCE.md'), md);
  console.log(md);
}
