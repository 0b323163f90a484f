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

// Two runs: the release profile as the WebAssembly ships (opt-level "z", for size) and the
// same code at opt-level 3 (how a native build is compiled).
const [fileZ, file3] = process.argv.slice(2);
if (!fileZ || !file3) {
  console.error('usage: node bench/engine-report.mjs CRITERION_OUTPUT_Z CRITERION_OUTPUT_O3');
  process.exit(1);
}
// "plan/1000               time:   [1.6162 ms 1.6279 ms 1.6381 ms]" (the name may sit on its own line);
// "plan_after_target_edit/1000  time: [...]": the same after an edit of one target.
async function parse(file) {
  const text = await readFile(file, 'utf8');
  const plan = new Map();
  const edit = new Map();
  const re = /(plan|plan_after_target_edit)\/(\d+)\s+time:\s+\[([\d.]+) (\S+) ([\d.]+) (\S+) ([\d.]+) (\S+)\]/g;
  for (const m of text.matchAll(re)) {
    const row = { n: Number(m[2]), low: toMs(m[3], m[4]), mid: toMs(m[5], m[6]), high: toMs(m[7], m[8]) };
    (m[1] === 'plan' ? plan : edit).set(row.n, row);
  }
  if (plan.size === 0) {
    console.error(`engine-report: no "plan/N time: [...]" lines in ${file}`);
    process.exit(1);
  }
  return { plan, edit };
}
const z = await parse(fileZ);
const o3 = await parse(file3);
const fmt = (x) => (x < 0.01 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(x < 1 ? 3 : 2)} ms`);
const cell = (r) => (r ? `${fmt(r.mid)} (${fmt(r.low)} – ${fmt(r.high)})` : '—');
const rustc = (() => {
  try {
    return readFileSync(join(ROOT, 'target', 'release', '.rustc_info.json'), 'utf8').match(/rustc [\d.]+[^"\\]*/)?.[0];
  } catch {
    return null;
  }
})();
const sizes = [...new Set([...z.plan.keys(), ...o3.plan.keys()])].sort((a, b) => a - b);
// Linear scaling would keep the time per enterprise the same as the county grows.
const perEnterprise = (rows) =>
  sizes
    .filter((n) => rows.get(n))
    .map((n) => `${n.toLocaleString('en-US')} → ${((rows.get(n).mid * 1000) / n).toFixed(2)} µs`)
    .join(', ');
const growth = (rows) =>
  rows.get(1000) && rows.get(10000) ? (rows.get(10000).mid / rows.get(1000).mid).toFixed(1) : null;
const allocator = process.env.GLIBC_TUNABLES
  ? ` glibc's malloc set to keep freed memory, as the WebAssembly's allocator does (\`GLIBC_TUNABLES=${process.env.GLIBC_TUNABLES}\`).`
  : '';
const verdict = (r) =>
  r ? `${r.mid <= BUDGET_MS_AT_1000 ? '**pass**' : '**miss**'} (${fmt(r.mid)})` : 'not measured in this run';
const out = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model.trim()}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (load average ${loadavg()[0].toFixed(2)}), native release build${rustc ? ` (${rustc})` : ''}, LTO; criterion, 20 samples, generated scenarios with three projects per enterprise (\`examples/gen_scenario.rs\`). Each cell: criterion's estimate (95% interval).${allocator} Reproduce: \`make bench-engine\`.`,
  '',
  '| enterprises | plan(), opt-level 3 | plan(), opt-level "z" (as shipped) | plan_after() an edit of one target, opt-level 3 | the same, "z" |',
  '|---:|---|---|---|---|',
  ...sizes.map((n) => `| ${n.toLocaleString('en-US')} | ${cell(o3.plan.get(n))} | ${cell(z.plan.get(n))} | ${cell(o3.edit.get(n))} | ${cell(z.edit.get(n))} |`),
  '',
  '`plan()` computes everything from the scenario; `plan_after()` is what the app runs on each edit: it reuses the previous plan\'s node list and the splits the edit did not touch (always equal to `plan()`: property-tested). Opt-level 3 is how a native build is compiled; the WebAssembly ships at opt-level "z" (smaller, slower); the browser table below has the WebAssembly timings (`qp-plan`).',
  '',
  `plan() per enterprise, opt-level 3: ${perEnterprise(o3.plan)}; "z": ${perEnterprise(z.plan)}.${growth(o3.plan) && growth(z.plan) ? ` From 1,000 to 10,000 enterprises the time grows ${growth(o3.plan)}× at opt-level 3 and ${growth(z.plan)}× at "z" (linear would be 10×).` : ''}`,
  '',
  `Budget: plan() ≤ ${BUDGET_MS_AT_1000} ms at 1,000 enterprises, native — opt-level 3: ${verdict(o3.plan.get(1000))}; opt-level "z": ${verdict(z.plan.get(1000))}.`,
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
