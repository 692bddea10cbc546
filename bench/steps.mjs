// Long-run benchmark: run by bench/steps.sh (and bench/run.sh). Prints a table; asserts nothing.
// One headless task of STEPS steps (default 200) through aimock on loopback, each step one shell command (odd steps
// read, even steps append a line to a file, so every other checkpoint sees a slightly changed tree), in Wright's
// headless default (auto: sandbox and checkpoints on) and, in the same invocation and interleaved, Codex's native
// binary (`codex exec`, workspace-write sandbox) when bench/steps.sh found one. Per-step cost is
// (wall of the STEPS-step run − wall of a 0-step run) / STEPS, so start-up, the mock and the model's canned answers
// cancel out; flatness compares Wright's first and last 20 steps from its own event timestamps.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, mean, median, pad, startAimock, waitFor } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wright = process.env.WRIGHT_BIN ?? path.join(root, 'dist', 'wright');
const codex = process.env.CODEX_BIN && fs.existsSync(process.env.CODEX_BIN) ? process.env.CODEX_BIN : null;
const steps = Number(process.env.BENCH_STEPS ?? 200);
const runs = Number(process.env.BENCH_STEP_RUNS ?? 3);
const mode = process.env.BENCH_STEP_MODE ?? 'auto';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wright-steps-'));
const command = (i) => (i % 2 === 1 ? 'ls' : `echo step ${i} >> notes.txt`);
const fixtures = { fixtures: [] };
// aimock counts sequenceIndex per fixture over the mock's life, so every run has its own prompt ("#<run>.").
const prompt = (agent, kind, run) => `${agent} steps ${kind} #${run}.`;
for (let run = 0; run < runs; run++) {
  for (const [agent, tool, arg] of [['wright', 'shell', 'command'], ['codex', 'exec_command', 'cmd']]) {
    for (const [kind, n] of [['long', steps], ['zero', 0]]) {
      for (let i = 0; i < n; i++) {
        fixtures.fixtures.push({ match: { userMessage: prompt(agent, kind, run), sequenceIndex: i },
          response: { toolCalls: [{ id: `call_${i}`, name: tool, arguments: { [arg]: command(i) } }] } });
      }
      fixtures.fixtures.push({ match: { userMessage: prompt(agent, kind, run), sequenceIndex: n }, response: { content: 'Done.' } });
    }
  }
}
const { base, mock } = await startAimock(work, fixtures);
try {
  const results = { wright: { long: [], zero: [], first: [], last: [] }, codex: { long: [], zero: [] } };
  for (let r = 0; r < runs; r++) {
    for (const kind of ['long', 'zero']) {
      const w = runWright(kind, r);
      results.wright[kind].push(w.ms);
      if (w.first !== undefined) { results.wright.first.push(w.first); results.wright.last.push(w.last); }
      if (codex) results.codex[kind].push(await runCodex(kind, r));
    }
  }
  const perStep = (x) => (median(x.long) - median(x.zero)) / steps;
  console.log(`Long run — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0].model.trim()}, load ${os.loadavg()[0].toFixed(1)} — ${steps} steps, ${runs} interleaved runs each, medians`);
  console.log(pad('agent', 40) + pad(`${steps}-step ms`, 14) + pad('0-step ms', 11) + pad('per step ms', 13) + 'ratio');
  const ws = perStep(results.wright);
  const wrightName = `wright (${mode}: sandbox, checkpoints)`;
  if (codex) {
    const cs = perStep(results.codex);
    console.log(pad('codex exec (workspace-write)', 40) + pad(median(results.codex.long).toFixed(0), 14) + pad(median(results.codex.zero).toFixed(0), 11) + pad(cs.toFixed(1), 13) + '1.00× (reference)');
    console.log(pad(wrightName, 40) + pad(median(results.wright.long).toFixed(0), 14) + pad(median(results.wright.zero).toFixed(0), 11) + pad(ws.toFixed(1), 13) + (ws / cs).toFixed(2) + '×  target ≤ 0.5×');
  } else {
    console.log(pad(wrightName, 40) + pad(median(results.wright.long).toFixed(0), 14) + pad(median(results.wright.zero).toFixed(0), 11) + pad(ws.toFixed(1), 13) + '(no Codex binary: set CODEX_BIN)');
  }
  console.log(`wright steps 1–20: ${median(results.wright.first).toFixed(1)} ms/step; steps ${steps - 19}–${steps}: ${median(results.wright.last).toFixed(1)} ms/step (flat if equal)`);
} finally {
  mock.kill();
  fs.rmSync(work, { recursive: true, force: true });
}

function runWright(kind, run) {
  const home = fs.mkdtempSync(path.join(work, 'home-'));
  const ws = fs.mkdtempSync(path.join(work, 'ws-'));
  const env = { ...process.env, WRIGHT_HOME: home, DEEPSEEK_BASE_URL: `${base}/v1`, DEEPSEEK_API_KEY: 'bench' };
  const start = process.hrtime.bigint();
  const out = spawnSync(wright, ['-p', prompt('wright', kind, run), '--model', 'deepseek/deepseek-chat', '--cwd', ws, '--permission-mode', mode,
    '--max-turns', String(steps + 5), '--output-format', 'stream-json'], { env, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const events = out.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  const turns = events.filter((e) => e.type === 'turn_started').map((e) => Date.parse(e.time));
  const result = events.find((e) => e.type === 'result' || e.status);
  if (turns.length !== (kind === 'long' ? steps + 1 : 1)) throw new Error(`wright ${kind} run took ${turns.length} turns: ${out.stderr.slice(0, 2000)} ${JSON.stringify(result ?? {}).slice(0, 500)}`);
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(ws, { recursive: true, force: true });
  if (kind !== 'long') return { ms };
  const gaps = turns.slice(1).map((t, i) => t - turns[i]);
  return { ms, first: mean(gaps.slice(0, 20)), last: mean(gaps.slice(-20)) };
}

async function runCodex(kind, run) {
  const home = fs.mkdtempSync(path.join(work, 'codex-home-'));
  const ws = fs.mkdtempSync(path.join(work, 'codex-ws-'));
  // Codex's sandbox re-executes the binary as `codex-linux-sandbox` found on PATH (its npm launcher arranges that).
  const shim = path.join(work, 'codex-path');
  if (!fs.existsSync(shim)) { fs.mkdirSync(shim); fs.symlinkSync(codex, path.join(shim, 'codex-linux-sandbox')); }
  const env = { ...process.env, CODEX_HOME: home, BENCH_MOCK_KEY: 'bench', PATH: `${shim}:${path.join(path.dirname(codex), '..', 'codex-path')}:${process.env.PATH}` };
  const args = ['exec', '--skip-git-repo-check', '-s', 'workspace-write', '-C', ws, '-c', 'model_provider=mock',
    '-c', `model_providers.mock={name="mock",base_url="${base}/v1",env_key="BENCH_MOCK_KEY",wire_api="responses"}`,
    '-m', 'gpt-5', prompt('codex', kind, run)];
  const start = process.hrtime.bigint();
  const out = spawnSync(codex, args, { env, encoding: 'utf8', input: '', maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const ran = kind === 'long' ? (fs.existsSync(path.join(ws, 'notes.txt')) ? fs.readFileSync(path.join(ws, 'notes.txt'), 'utf8').split('\n').filter(Boolean).length : 0) : 0;
  if (out.status !== 0 || (kind === 'long' && ran !== Math.floor(steps / 2))) throw new Error(`codex ${kind} run failed (${ran} writes): ${out.stderr.slice(-2000)}`);
  fs.rmSync(home, { recursive: true, force: true });
  fs.rmSync(ws, { recursive: true, force: true });
  return ms;
}

