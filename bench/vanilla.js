// Vanilla JavaScript baseline for the browser benchmark (bench/browser.mjs).
//
// The same decomposition table as the app (county → industries → enterprises, gross output,
// proportional split, tree unit 万元 or 亿元 with two decimals, largest-remainder rounding so
// that rounded children add up to their rounded parent), with the same annual-target edit:
// `<input id="target-output">` commits on each `input` event. It is written to be as fast as
// a browser allows:
//   * all figures live in typed arrays; an edit recomputes every node's quota, Q1 and Q1
//     daily quota (the rounding needs all siblings) and nothing else — bases and shares do
//     not depend on the target and are computed once;
//   * rows are built once; an edit writes only the Text nodes whose string changed
//     (compared with a JS-side cache, no DOM reads), never innerHTML;
//   * like the app, a table of more than 60 rows is windowed: pooled <tr> for the rows in view and 8 above and below (row height
//     31px) between two spacer rows, re-bound on scroll (`?window=all` draws every row).
// It does not do holds, commitments, other indicators or anything else of the app.
'use strict';

(async function main() {
  const params = new URLSearchParams(location.search);
  const dataUrl = params.get('data') || 'gen1000.json';
  const drawAll = params.get('window') === 'all';
  const status = document.getElementById('vanilla-status');

  const ROW_PX = 31;
  const WINDOW_FROM = 60;
  // As the app (src/ui/tree.rs): the rows that fit the scroller (75vh) and 8 above and below.
  const WINDOW_MARGIN = 8;
  const WINDOW_ROWS = Math.ceil((innerHeight * 0.75) / ROW_PX) + 2 * WINDOW_MARGIN;

  let s;
  try {
    const res = await fetch(dataUrl);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    s = await res.json();
  } catch (e) {
    status.textContent = `未加载：${dataUrl}：${e.message}`;
    return;
  }

  // ---- numbers (the engine's rules, see src/engine/round.rs and format.rs) ----
  function roundScaled(y) {
    if (!Number.isFinite(y)) return 0;
    const floor = Math.floor(y);
    const tol = 1e-9 * Math.max(Math.abs(y), 1);
    if (Math.abs(y - floor - 0.5) <= tol) return y >= 0 ? floor + 1 : floor;
    return y >= 0 ? Math.round(y) : -Math.round(-y);
  }
  function fixedUnits(units) {
    const neg = units < 0;
    let d = String(Math.abs(units));
    if (d.length <= 2) d = '0'.repeat(3 - d.length) + d;
    const int = d.slice(0, -2);
    let out = '';
    for (let i = 0; i < int.length; i++) {
      if (i > 0 && (int.length - i) % 3 === 0) out += ',';
      out += int[i];
    }
    return (neg ? '-' : '') + out + '.' + d.slice(-2);
  }
  const percent2 = (fraction) => fixedUnits(roundScaled(fraction * 10000)) + '%';

  // Scratch for the largest-remainder rounding (sized to the largest family).
  let remainders = new Float64Array(16);
  let order = [];
  /** Units of exact[from..from+n) × scale, written to out[from..], summing to total. */
  function largestRemainder(total, exact, scale, out, from, n) {
    if (n === 0) return;
    if (remainders.length < n) remainders = new Float64Array(n * 2);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const x = exact[from + j];
      const scaled = Number.isFinite(x) ? x * scale : 0;
      const near = roundScaled(scaled);
      const floor = Math.abs(scaled - near) <= 1e-9 * Math.max(Math.abs(scaled), 1) ? near : Math.floor(scaled);
      out[from + j] = floor;
      remainders[j] = scaled - floor;
      sum += floor;
    }
    let missing = total - sum;
    if (missing === 0) return;
    order.length = n;
    for (let j = 0; j < n; j++) order[j] = j;
    if (missing > 0) {
      order.sort((a, b) => remainders[b] - remainders[a] || a - b);
      const rounds = Math.floor(missing / n);
      if (rounds > 0) { for (let j = 0; j < n; j++) out[from + j] += rounds; missing -= rounds * n; }
      for (let k = 0; k < missing; k++) out[from + order[k]] += 1;
    } else {
      order.sort((a, b) => remainders[a] - remainders[b] || a - b);
      let take = -missing;
      const rounds = Math.floor(take / n);
      if (rounds > 0) { for (let j = 0; j < n; j++) out[from + j] -= rounds; take -= rounds * n; }
      for (let k = 0; k < n && take > 0; k++) if (out[from + order[k]] > 0) { out[from + order[k]] -= 1; take--; }
      for (let k = 0; k < n && take > 0; k++) if (out[from + order[k]] <= 0) { out[from + order[k]] -= 1; take--; }
    }
  }

  // ---- the scenario ----
  const ind = s.indicators.find((i) => i.indicator === 'output');
  const targetOf = (t, base) =>
    t.by === 'growth' ? base * (1 + t.value) : t.by === 'multiple' ? base * t.value : t.value;
  const q1Share = (ind.quarter_shares || s.quarter_shares)[0];
  const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const q1Days = s.quarter_days ? s.quarter_days[0] : leap(s.plan_year) ? 91 : 90;
  const perYi = s.tree_unit === 'yi' ? 100 : 1_000_000; // display units (0.01) per 亿元
  const WAN2 = 1_000_000;

  // Nodes in display order: county, then each industry followed by its enterprises.
  // Children of a parent are contiguous: county's children are the industries (not
  // contiguous in display order), so industries get their own index list.
  const industries = s.tree.industries;
  const n = 1 + industries.length + industries.reduce((a, i) => a + i.enterprises.length, 0);
  const id = new Float64Array(n), level = new Uint8Array(n), basis = new Float64Array(n);
  const names = new Array(n), people = new Array(n);
  const quota = new Float64Array(n), quotaU = new Float64Array(n), q1U = new Float64Array(n), dailyU = new Float64Array(n);
  const shareText = new Array(n), basisText = new Array(n);
  const industryAt = new Int32Array(industries.length);
  // Per family: exact amounts and their units, children contiguous.
  const famExact = new Float64Array(n), famQ1 = new Float64Array(n), famDaily = new Float64Array(n);
  const famU = new Float64Array(n), famQ1U = new Float64Array(n), famDailyU = new Float64Array(n);

  names[0] = s.county; people[0] = ''; level[0] = 0; id[0] = 0;
  let k = 1;
  industries.forEach((industry, ii) => {
    industryAt[ii] = k;
    const at = k++;
    id[at] = industry.id; level[at] = 1; names[at] = industry.name; people[at] = industry.responsible || '';
    let sum = 0;
    for (const e of industry.enterprises) {
      id[k] = e.id; level[k] = 2; names[k] = e.name; people[k] = e.responsible || '';
      basis[k] = (e.base && e.base.output) || 0;
      sum += basis[k];
      k++;
    }
    basis[at] = industry.base && industry.base.output != null ? industry.base.output : sum;
  });
  for (let ii = 0; ii < industries.length; ii++) basis[0] += basis[industryAt[ii]];
  if (!(basis[0] > 0)) basis[0] = ind.base_actual;
  for (let i = 0; i < n; i++) basisText[i] = fixedUnits(roundScaled(basis[i] * perYi));

  // Shares of the parent (proportional: independent of the target), rounded once.
  {
    const sh = new Float64Array(n), shU = new Float64Array(n);
    const fam = (from, count, parentBasis, indexOf) => {
      for (let j = 0; j < count; j++) sh[j] = parentBasis > 0 ? basis[indexOf(j)] / parentBasis : 0;
      largestRemainder(parentBasis > 0 ? 10000 : 0, sh, 10000, shU, 0, count);
      for (let j = 0; j < count; j++) shareText[indexOf(j)] = fixedUnits(shU[j]) + '%';
    };
    fam(0, industries.length, basis[0], (j) => industryAt[j]);
    industries.forEach((industry, ii) => {
      const at = industryAt[ii];
      fam(0, industry.enterprises.length, basis[at], (j) => at + 1 + j);
    });
    shareText[0] = null;
  }

  /** Split `parent` among `count` children at display indices given by indexOf. */
  function splitFamily(parent, count, indexOf) {
    const pb = basis[parent];
    for (let j = 0; j < count; j++) {
      const a = pb > 0 ? (quota[parent] * basis[indexOf(j)]) / pb : quota[parent] / count;
      famExact[j] = a;
      famQ1[j] = a * q1Share;
      famDaily[j] = famQ1[j] / q1Days;
    }
    largestRemainder(quotaU[parent], famExact, perYi, famU, 0, count);
    largestRemainder(q1U[parent], famQ1, perYi, famQ1U, 0, count);
    largestRemainder(dailyU[parent], famDaily, WAN2, famDailyU, 0, count);
    for (let j = 0; j < count; j++) {
      const c = indexOf(j);
      quota[c] = famExact[j];
      quotaU[c] = famU[j];
      q1U[c] = famQ1U[j];
      dailyU[c] = famDailyU[j];
    }
  }

  function plan(target) {
    quota[0] = target;
    quotaU[0] = roundScaled(target * perYi);
    q1U[0] = roundScaled(target * q1Share * perYi);
    dailyU[0] = roundScaled(((target * q1Share) / q1Days) * WAN2);
    splitFamily(0, industries.length, (j) => industryAt[j]);
    for (let ii = 0; ii < industries.length; ii++) {
      const at = industryAt[ii];
      splitFamily(at, industries[ii].enterprises.length, (j) => at + 1 + j);
    }
  }

  // ---- the table ----
  const tbody = document.querySelector('#tree-table tbody');
  const wrap = document.querySelector('.tree-wrap');
  const windowed = !drawAll && n > WINDOW_FROM;
  const poolSize = windowed ? WINDOW_ROWS : n;
  const CLASSES = ['lvl-0', 'lvl-1', 'lvl-2'];
  const COLS = 8; // name, person, basis, quota, share, growth, q1, daily
  const pool = []; // { tr, quotaEl, q1El, dailyEl, texts: Text[8], cache: string[8], node }

  function spacer() {
    const tr = document.createElement('tr');
    tr.className = 'spacer';
    const td = document.createElement('td');
    td.colSpan = COLS;
    tr.appendChild(td);
    return tr;
  }
  const top = windowed ? spacer() : null;
  const bottom = windowed ? spacer() : null;
  if (top) tbody.appendChild(top);
  for (let r = 0; r < poolSize; r++) {
    const tr = document.createElement('tr');
    const texts = [];
    let quotaEl, q1El, dailyEl;
    for (let c = 0; c < COLS; c++) {
      const td = document.createElement('td');
      const t = document.createTextNode('');
      if (c >= 2) td.className = 'figure';
      if (c === 3 || c === 6 || c === 7) {
        const span = document.createElement('span');
        span.appendChild(t);
        td.appendChild(span);
        if (c === 3) quotaEl = span; else if (c === 6) q1El = span; else dailyEl = span;
      } else {
        td.appendChild(t);
      }
      if (c === 0) td.className = 'name';
      tr.appendChild(td);
      texts.push(t);
    }
    tbody.appendChild(tr);
    pool.push({ tr, quotaEl, q1El, dailyEl, texts, cache: new Array(COLS).fill(''), node: -1 });
  }
  if (bottom) tbody.appendChild(bottom);
  if (windowed) wrap.classList.add('windowed');
  document.getElementById('row-count').textContent = `共 ${n} 行`;

  function set(row, c, str) {
    if (row.cache[c] !== str) {
      row.cache[c] = str;
      row.texts[c].data = str;
    }
  }

  /** Write the figures that depend on the target into the pooled row. */
  function fill(row) {
    const i = row.node;
    set(row, 3, fixedUnits(quotaU[i]));
    set(row, 5, basis[i] > 0 ? percent2(quota[i] / basis[i] - 1) : '');
    set(row, 6, fixedUnits(q1U[i]));
    set(row, 7, fixedUnits(dailyU[i]));
  }

  /** Point the pooled row at node i (static texts, ids, class), then fill it. */
  function bind(row, i) {
    if (row.node === i) return;
    row.node = i;
    row.tr.className = CLASSES[level[i]];
    row.quotaEl.id = `quota-${id[i]}`;
    row.q1El.id = `q1-node-${id[i]}`;
    row.dailyEl.id = `daily-node-${id[i]}`;
    set(row, 0, names[i]);
    set(row, 1, people[i]);
    set(row, 2, basisText[i]);
    set(row, 4, shareText[i] || '');
    fill(row);
  }

  let first = 0;
  function windowFirst() {
    if (!windowed) return 0;
    const f = Math.max(0, Math.floor(wrap.scrollTop / ROW_PX) - WINDOW_MARGIN);
    return Math.min(f, n - WINDOW_ROWS);
  }
  function render() {
    for (let r = 0; r < poolSize; r++) bind(pool[r], first + r);
    if (windowed) {
      top.firstChild.style.height = `${first * ROW_PX}px`;
      top.style.display = first > 0 ? '' : 'none';
      const below = (n - first - poolSize) * ROW_PX;
      bottom.firstChild.style.height = `${below}px`;
      bottom.style.display = below > 0 ? '' : 'none';
    }
  }
  if (windowed) {
    wrap.addEventListener('scroll', () => {
      const f = windowFirst();
      if (f !== first) { first = f; render(); }
    }, { passive: true });
  }

  // ---- the edit ----
  const input = document.getElementById('target-output');
  let target = targetOf(ind.target, ind.base_actual);
  input.value = String(Math.round(target * 10000) / 10000);
  input.addEventListener('input', () => {
    const v = Number(input.value.replace(/[,，\s]/g, '').replace(/亿$/, ''));
    if (!Number.isFinite(v) || v < 0 || v === target) return;
    target = v;
    plan(target);
    for (let r = 0; r < poolSize; r++) fill(pool[r]);
  });

  plan(target);
  render();
  status.textContent = `已加载 ${n - 1 - industries.length} 家企业`;
  document.body.dataset.ready = '1';
})();
