// Wright benchmark: run by bench/run.sh. Prints a table; asserts nothing.
// Every figure has a reference measured in the same invocation, and the ratio to it:
//   --version            vs Codex's native binary (`codex --version`, when bench/steps.sh installed it or CODEX_BIN
//                        names one), else `git --version` (a small native program); wall and CPU time (user + system)
//   headless one-shot    vs `curl` sending the same request to the same mock (the protocol floor)
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, median, pad, startAimock, waitFor } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wright = process.env.WRIGHT_BIN ?? path.join(root, 'dist', 'wright');
const runs = Number(process.env.BENCH_RUNS ?? 15);
const codex = process.env.CODEX_BIN && fs.existsSync(process.env.CODEX_BIN) ? process.env.CODEX_BIN : null;
const require = createRequire(path.join(root, 'bench', 'node', 'package.json'));
const { getEncoding } = require('js-tiktoken');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wright-bench-'));
const home = path.join(work, 'home');
const ws = path.join(work, 'ws');
fs.mkdirSync(home); fs.mkdirSync(ws);

const fixtures = {
  fixtures: [
    { match: { userMessage: 'bench one-shot' }, response: { content: 'Done.' } },
    { match: { userMessage: 'bench tool turn', hasToolResult: false },
      response: { toolCalls: [{ name: 'shell', arguments: { command: 'true' } }] } },
    { match: { userMessage: 'bench tool turn', hasToolResult: true }, response: { content: 'Finished.' } },
  ],
};
const { base, mock } = await startAimock(work, fixtures);

const env = { ...process.env, WRIGHT_HOME: home, DEEPSEEK_BASE_URL: `${base}/v1`, DEEPSEEK_API_KEY: 'bench' };
const model = ['--model', 'deepseek/deepseek-chat', '--cwd', ws];

try {
  const rows = [];
  const [version, reference] = interleaved([wright, ['--version']], codex ? [codex, ['--version']] : ['git', ['--version']], env);
  rows.push(['--version', version, reference, codex ? 'codex --version' : 'git --version', '≤ 0.5× Codex, ≤ 25 MB']);

  const oneShot = measure(wright, ['-p', 'bench one-shot', ...model, '--output-format', 'json'], env);
  await resetJournal();
  spawnSync(wright, ['-p', 'bench one-shot', ...model, '--output-format', 'json'], { env });
  const [first] = await journal();
  const body = JSON.stringify({ model: 'deepseek-chat', messages: [{ role: 'user', content: 'bench one-shot' }], stream: true });
  const curl = measure('curl', ['-s', '-o', '/dev/null', '-H', 'content-type: application/json', '-d', body, `${base}/v1/chat/completions`], env);
  rows.push(['headless one-shot', oneShot, curl, 'curl, same request', '≤ 150 ms, ≤ 25 MB']);

  // Per-tool-turn overhead from the engine's own timestamps: the response carrying the tool call has ended
  // (tool_call_requested) → the next request starts (turn_started), minus the tool's own run time. Measured in the
  // headless default (auto: the command runs in the sandbox, the workspace is checkpointed first), not in yolo,
  // which would hide both costs.
  const overheads = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(wright, ['-p', 'bench tool turn', ...model, '--output-format', 'stream-json'], { env, encoding: 'utf8' });
    const events = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const requested = events.find((e) => e.type === 'tool_call_requested');
    const finished = events.find((e) => e.type === 'tool_call_finished');
    const next = events.filter((e) => e.type === 'turn_started')[1];
    if (!requested || !finished || !next) throw new Error('tool trajectory did not run: ' + out.stdout + out.stderr);
    overheads.push(Date.parse(next.time) - Date.parse(requested.time) - finished.duration_ms);
  }

  const enc = getEncoding('o200k_base');
  const system = first.body.messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
  const tools = JSON.stringify(first.body.tools ?? []);
  const tokens = enc.encode(system).length + enc.encode(tools).length;
  const bytes = Number(first.headers['content-length']);

  console.log(`Wright benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores — ${runs} runs each, medians\n`);
  console.log(pad('measure', 20) + pad('wall ms', 10) + pad('CPU ms', 9) + pad('RSS MB', 9) + pad('reference', 22) + pad('ref ms', 9)
    + pad('ref CPU', 9) + pad('ratio', 8) + pad('CPU ratio', 11) + 'target');
  for (const [name, m, ref, refName, target] of rows) {
    console.log(pad(name, 20) + pad(m.wall.toFixed(1), 10) + pad(m.cpu.toFixed(1), 9) + pad(m.rss.toFixed(1), 9) + pad(refName, 22)
      + pad(ref.wall.toFixed(1), 9) + pad(ref.cpu.toFixed(1), 9) + pad((m.wall / ref.wall).toFixed(2) + '×', 8)
      + pad((m.cpu / ref.cpu).toFixed(2) + '×', 11) + target);
  }
  console.log(pad('binary size', 30) + `${(fs.statSync(wright).size / 1048576).toFixed(1)} MB; target ≤ 30 MB`);
  console.log(pad('per-tool-turn overhead', 30) + `${median(overheads).toFixed(1)} ms (min ${Math.min(...overheads)} / max ${Math.max(...overheads)}), headless default (auto: sandbox, checkpoint); target ≤ 10 ms`);
  console.log(pad('first request', 30) + `${bytes} bytes; system prompt + tool schemas ${tokens} o200k tokens (${first.body.tools?.length ?? 0} tools); target ≤ 4,000 tokens`);
} finally {
  mock.kill();
  fs.rmSync(work, { recursive: true, force: true });
}

function measure(cmd, args, env) {
  const walls = [], rss = [], cpus = [];
  for (let i = 0; i < runs; i++) {
    const r = once(cmd, args, env);
    walls.push(r.wall); rss.push(r.rss); cpus.push(r.cpu);
  }
  return { wall: median(walls), rss: median(rss), cpu: median(cpus) };
}

// Two commands run alternately, so machine load hits both alike.
function interleaved([cmd, args], [refCmd, refArgs], env) {
  const a = { walls: [], rss: [], cpus: [] }, b = { walls: [], rss: [], cpus: [] };
  for (let i = 0; i < runs; i++) {
    for (const [m, c, x] of [[a, cmd, args], [b, refCmd, refArgs]]) {
      const r = once(c, x, env);
      m.walls.push(r.wall); m.rss.push(r.rss); m.cpus.push(r.cpu);
    }
  }
  const sum = (m) => ({ wall: median(m.walls), rss: median(m.rss), cpu: median(m.cpus) });
  return [sum(a), sum(b)];
}

// One run under /usr/bin/time (peak RSS) inside bash, whose `times` gives the children's CPU time in milliseconds.
// /usr/bin/time and bash add their own fork+exec to the wall time; they are in the reference too, so ratios stay fair.
function once(cmd, args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', '/usr/bin/time -f "rss %M" "$@"; status=$?; times >&2; exit $status', 'bench', cmd, ...args], { env, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const rss = Number(r.stderr.match(/rss (\d+)/)[1]) / 1024;
  const t = r.stderr.trim().split('\n').pop().match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/);
  const cpu = t ? (Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4])) * 1000 : NaN;
  return { wall, rss, cpu };
}

async function journal() { return (await fetch(`${base}/__aimock/journal`)).json(); }
async function resetJournal() { await fetch(`${base}/__aimock/reset/journal`, { method: 'POST' }); }
