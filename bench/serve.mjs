// `wright serve` benchmark: run by bench/serve.sh. Prints figures with references; asserts nothing.
//   drain time           vs the same tasks run one after another as headless one-shots (`wright -p`)
//   overhead per task    queued → attempt finished, minus the attempt's own run time (scheduling, worktree, commit)
//   peak memory          the server's VmHWM; per running attempt: (peak RSS while 4 run − idle RSS) / 4
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, kb, startAimock, waitFor } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wright = process.env.WRIGHT_BIN ?? path.join(root, 'dist', 'wright');
const tasks = Number(process.env.BENCH_TASKS ?? 50);
const parallel = Number(process.env.BENCH_PARALLEL ?? 4);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wright-serve-bench-'));
const home = path.join(work, 'home');
const repo = path.join(work, 'repos', 'demo');
fs.mkdirSync(home, { recursive: true });
fs.mkdirSync(repo, { recursive: true });
const git = (...args) => spawnSync('git', ['-c', 'user.name=B', '-c', 'user.email=b@b', '-c', 'init.defaultBranch=main', ...args], { cwd: repo });
git('init', '-q');
fs.writeFileSync(path.join(repo, 'README.md'), '# bench\n');
git('add', '-A');
git('commit', '-q', '-m', 'initial');

const fixtures = { fixtures: [
  { match: { userMessage: 'bench task', hasToolResult: false }, response: { toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: 'out.txt', content: 'x\n' }) }] } },
  { match: { userMessage: 'bench task', hasToolResult: true }, response: { content: 'Done.' } },
] };
const { base, mock } = await startAimock(work, fixtures);
const env = { ...process.env, WRIGHT_HOME: home, DEEPSEEK_BASE_URL: `${base}/v1`, DEEPSEEK_API_KEY: 'bench', WRIGHT_SERVER_TOKEN: 'bench-token-0123456789' };

let server;
try {
  // Reference: the same work as sequential headless runs in one worktree-less checkout.
  const refStart = performance.now();
  const sample = Math.min(5, tasks);
  for (let i = 0; i < sample; i++) spawnSync(wright, ['-p', 'bench task', '--model', 'deepseek/deepseek-chat', '--cwd', repo, '--output-format', 'json'], { env });
  const oneShot = (performance.now() - refStart) / sample;
  git('checkout', '-q', '--', '.'); git('clean', '-qfd');

  const serverPort = await freePort();
  server = spawn(wright, ['serve', '--port', String(serverPort), '--max-parallel', String(parallel), '--repo-root', path.dirname(repo)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const api = `http://127.0.0.1:${serverPort}`;
  const headers = { authorization: 'Bearer bench-token-0123456789', 'content-type': 'application/json' };
  await waitFor(async () => (await fetch(`${api}/api/tasks`, { headers })).ok);
  const idleRss = rss(server.pid);
  let peakRss = idleRss;
  let peakRunning = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, rss(server.pid)); }, 20);

  const start = performance.now();
  const created = [];
  for (let i = 0; i < tasks; i++) {
    const r = await fetch(`${api}/api/tasks`, { method: 'POST', headers, body: JSON.stringify({ prompt: `bench task ${i}`, repo, model: 'deepseek/deepseek-chat' }) });
    if (r.status !== 201) throw new Error(`create: ${r.status} ${await r.text()}`);
    created.push((await r.json()).id);
  }
  const submitted = performance.now() - start;
  let list;
  for (;;) {
    list = await (await fetch(`${api}/api/tasks`, { headers })).json();
    peakRunning = Math.max(peakRunning, list.filter(t => t.status === 'running').length);
    if (list.every(t => ['succeeded', 'failed', 'cancelled'].includes(t.status))) break;
    await new Promise(r => setTimeout(r, 50));
  }
  const drain = performance.now() - start;
  clearInterval(sampler);
  const hwm = vmHwm(server.pid);
  const failed = list.filter(t => t.status !== 'succeeded').length;
  const attemptMs = list.reduce((s, t) => s + t.attempts[0].duration_ms, 0);
  const overhead = list.map(t => (Date.parse(t.updated) - Date.parse(t.created)) - t.attempts[0].duration_ms);
  overhead.sort((a, b) => a - b);
  const median = overhead[Math.floor(overhead.length / 2)];
  // Without the wait for a slot: the attempt's time minus its session's run (run_finished.duration_ms): worktree,
  // session start, commit.
  const own = [];
  for (const t of list) {
    const text = await (await fetch(`${api}/api/tasks/${t.id}/events?follow=0`, { headers })).text();
    const run = text.split('\n').filter(l => l.startsWith('data: ')).map(l => JSON.parse(l.slice(6))).find(e => e.type === 'run_finished');
    if (run) own.push(t.attempts[0].duration_ms - run.duration_ms);
  }
  own.sort((a, b) => a - b);
  for (const t of list.filter(t => t.status !== 'succeeded')) console.error(`not succeeded: ${t.id} ${t.status}: ${t.attempts[0].error ?? ''}`);
  const ownMedian = own[Math.floor(own.length / 2)];

  const rows = [
    ['tasks', `${tasks} (${failed} not succeeded), --max-parallel ${parallel}, peak running ${peakRunning}`, '', ''],
    ['submit all (HTTP)', `${submitted.toFixed(0)} ms`, '', ''],
    ['drain the queue', `${(drain / 1000).toFixed(2)} s`, `${(oneShot * tasks / 1000).toFixed(2)} s`, `×${(drain / (oneShot * tasks)).toFixed(2)} of ${tasks} sequential one-shots`],
    ['throughput', `${(tasks / (drain / 60000)).toFixed(1)} tasks/min`, '', ''],
    ['attempt run time (mean)', `${(attemptMs / tasks).toFixed(0)} ms`, `${oneShot.toFixed(0)} ms`, 'headless one-shot (process start included)'],
    ['queued→finished minus run (median)', `${median} ms`, '', 'includes waiting for a slot'],
    ['overhead per attempt (median)', `${ownMedian} ms`, '', 'attempt time minus its session run: worktree, session start, commit'],
    ['server peak memory (VmHWM)', `${(hwm / 1024).toFixed(1)} MB`, `${(idleRss / 1024).toFixed(1)} MB idle`, ''],
    ['per running attempt', `${(((peakRss - idleRss) / Math.max(1, peakRunning)) / 1024).toFixed(1)} MB`, '', '(peak RSS − idle RSS) / peak running'],
    ['machine', `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`, '', ''],
  ];
  const w = [0, 1, 2, 3].map(i => Math.max(...rows.map(r => String(r[i]).length)));
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(w[i])).join('  '));
} finally {
  server?.kill('SIGTERM');
  mock.kill();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(home + '-worktrees', { recursive: true, force: true });
}

function rss(pid) { return kb(pid, 'VmRSS'); }
function vmHwm(pid) { return kb(pid, 'VmHWM'); }
