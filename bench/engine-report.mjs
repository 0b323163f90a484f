// Markdown for the engine's criterion benchmark: reads the output of
// `cargo bench --bench plan` (a file) and writes the table into docs/PERFORMANCE.md between
// <!-- engine-bench:start --> and <!-- engine-bench:end -->. Run by `make bench-engine`.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join, resolve } from 'node:path';

const START = '<!-- engine-bench:start -->';
const END = '<!-- engine-bench:end -->';
const BUDGET_MS_AT_1000 = 1;
const ROOT = resolve(import.meta.dirname, '..');
const DOC = join(ROOT, 'docs', 'PERFORMANCE.md');

const toMs = (value, unit) => Number(value) * { ns: 1e-6, 'µs': 1e-3, us: 1e-3, ms: 1, s: 1000 }[unit];

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/engine-report.mjs CRITERION_OUTPUT');
  process.exit(1);
}
const text = await readFile(file, 'utf8');
// "plan/1000               time:   [1.6162 ms 1.6279 ms 1.6381 ms]" (the name may sit on its own line)
// "plan_after_target_edit/1000  time: [...]": the same after an edit of one target.
const rows = [];
const edits = new Map();
const re = /(plan|plan_after_target_edit)\/(\d+)\s+time:\s+\[([\d.]+) (\S+) ([\d.]+) (\S+) ([\d.]+) (\S+)\]/g;
for (const m of text.matchAll(re)) {
  const row = { n: Number(m[2]), low: toMs(m[3], m[4]), mid: toMs(m[5], m[6]), high: toMs(m[7], m[8]) };
  if (m[1] === 'plan') rows.push(row);
  else edits.set(row.n, row);
}
if (rows.length === 0) {
  console.error(`engine-report: no "plan/N time: [...]" lines in ${file}`);
  process.exit(1);
}
const fmt = (x) => (x < 0.01 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(x < 1 ? 3 : 2)} ms`);
const rustc = (() => {
  try {
    return readFileSync(join(ROOT, 'target', 'release', '.rustc_info.json'), 'utf8').match(/rustc [\d.]+[^"\\]*/)?.[0];
  } catch {
    return null;
  }
})();
const at1000 = rows.find((r) => r.n === 1000);
const out = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model.trim()}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (load average ${loadavg()[0].toFixed(2)}), native release build${rustc ? ` (${rustc})` : ''}; criterion, 20 samples, generated scenarios with three projects per enterprise (\`examples/gen_scenario.rs\`). Reproduce: \`make bench-engine\`.`,
  '',
  '| enterprises | plan() (criterion estimate, 95% interval) | per enterprise | plan_after() an edit of one target |',
  '|---:|---|---:|---|',
  ...rows.map((r) => {
    const e = edits.get(r.n);
    const edit = e ? `${fmt(e.mid)} (${fmt(e.low)} – ${fmt(e.high)})` : '—';
    return `| ${r.n.toLocaleString('en-US')} | ${fmt(r.mid)} (${fmt(r.low)} – ${fmt(r.high)}) | ${fmt(r.mid / r.n)} | ${edit} |`;
  }),
  '',
  '`plan()` computes everything from the scenario; `plan_after()` is what the app runs on each edit: it reuses the previous plan\'s splits of the indicators the edit did not touch (equal to `plan()`, property-tested).',
  '',
  at1000
    ? `Budget: plan() ≤ ${BUDGET_MS_AT_1000} ms at 1,000 enterprises — ${at1000.mid <= BUDGET_MS_AT_1000 ? '**pass**' : '**miss**'} (${fmt(at1000.mid)}).`
    : 'Budget: plan() ≤ 1 ms at 1,000 enterprises — not measured in this run.',
];
const section = `${START}\n${out.join('\n')}\n${END}`;
let doc = existsSync(DOC) ? await readFile(DOC, 'utf8') : '# Performance\n';
if (doc.includes(START) && doc.includes(END)) {
  doc = doc.slice(0, doc.indexOf(START)) + section + doc.slice(doc.indexOf(END) + END.length);
} else {
  doc = doc.replace(/\n## In the browser/, `\n## The engine\n\n${section}\n\n## In the browser`);
  if (!doc.includes(START)) doc += `\n## The engine\n\n${section}\n`;
}
await writeFile(DOC, doc);
console.log(out.join('\n'));
