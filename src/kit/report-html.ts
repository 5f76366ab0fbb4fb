import type { Outcome, RunReport } from './results.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const LABEL: Record<Outcome, string> = { passed: 'pass', failed: 'fail', skipped: 'n/a', xfail: 'known failure', xpass: 'unexpected pass' };

/** Cases that did not pass, most pressing first: failures, then known failures, then the not applicable. */
const PROBLEM_ORDER: Record<Outcome, number> = { failed: 0, xpass: 0, xfail: 1, skipped: 2, passed: 3 };

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1b1f24}
h1{font-size:1.4rem}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.passed{background:#dafbe1}.failed,.xpass{background:#ffebe9}
.skipped{background:#f6f8fa;color:#57606a}.xfail{background:#fff8c5}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;white-space:pre-wrap;word-break:break-all}
details{margin:.6rem 0;border:1px solid #d0d7de;border-radius:6px;padding:.4rem .8rem}
summary{cursor:pointer;font-weight:600}`;

/** One self-contained page: no script, no external asset. */
export function toHtml(report: RunReport): string {
  const clients = report.clients.map((c) => c.name);
  const scenarios = [...new Map(report.results.map((r) => [r.scenario, r])).values()];
  const s = report.summary;
  const cell = (client: string, scenario: string) => {
    const r = report.results.find((x) => x.client === client && x.scenario === scenario);
    if (!r) return '<td></td>';
    return `<td class="${r.outcome}" title="${escapeHtml(r.message)}">${r.outcome === 'passed' ? LABEL[r.outcome] : `<a href="#${escapeHtml(`${r.client}--${r.scenario}`)}">${LABEL[r.outcome]}</a>`}</td>`;
  };
  const rows = scenarios.map(
    (r) =>
      `<tr><td>${escapeHtml(r.auth)}</td><td>${escapeHtml(r.scenario)}<br><small>${escapeHtml(r.title)}</small></td><td>${escapeHtml(r.expected)}</td>${clients.map((c) => cell(c, r.scenario)).join('')}</tr>`,
  );
  const problems = report.results
    .filter((r) => r.outcome !== 'passed')
    .sort((a, b) => PROBLEM_ORDER[a.outcome] - PROBLEM_ORDER[b.outcome])
    .map(
      (r) => `<details id="${escapeHtml(`${r.client}--${r.scenario}`)}" ${r.outcome === 'failed' || r.outcome === 'xpass' ? 'open' : ''}>
<summary class="${r.outcome}">${escapeHtml(`${r.client} · ${r.scenario}`)}: ${escapeHtml(LABEL[r.outcome])}</summary>
<p>${escapeHtml(r.message)}</p>
<p>Expected ${escapeHtml(r.expected)}; observed ${escapeHtml(r.observed ?? 'no call to the service')}.</p>
${r.evidence.length ? `<pre>${escapeHtml(r.evidence.join('\n'))}</pre>` : ''}
${r.exchange ? `<p>The gateway's journal entry:</p><pre>${escapeHtml(JSON.stringify(r.exchange, null, 2))}</pre>` : ''}
<p>Client output (exit code ${escapeHtml(String(r.exitCode))}):</p><pre>${escapeHtml(r.output || '(none)')}</pre>
</details>`,
    );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>apig-kit conformance report</title><style>${STYLE}</style></head>
<body>
<h1>apig-kit conformance report</h1>
<p>${escapeHtml(report.startedAt)} · mock gateway at ${escapeHtml(report.endpoint)} · ${s.total} cases: ${s.passed} passed, ${s.failed + s.xpass} failed, ${s.xfail} known failures, ${s.skipped} not applicable.</p>
<ul>${report.clients.map((c) => `<li><b>${escapeHtml(c.name)}</b>: <code>${escapeHtml(c.command)}</code></li>`).join('')}</ul>
<table><thead><tr><th>auth</th><th>scenario</th><th>expected</th>${clients.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
${problems.length ? `<h2>Cases that did not pass</h2>\n${problems.join('\n')}` : ''}
</body></html>
`;
}
