// Interactive-session benchmark: run by bench/tui.sh. Prints a table; asserts nothing.
// One long markdown answer is streamed by aimock as fast as it can send it, and rendered
//   - by the interactive session in tmux (80×30): wall time until its last line is on the screen, CPU time of the
//     wright process during the turn, and CPU time over a few idle seconds at the prompt afterwards;
//   - by `wright -p` (plain text to a file), the reference: the same stream without any rendering.
// Ratios are TUI / reference, measured in the same invocation.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, median, pad, startAimock, waitFor } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wright = process.env.WRIGHT_BIN ?? path.join(root, 'dist', 'wright');
const runs = Number(process.env.BENCH_RUNS ?? 5);
const idleSeconds = Number(process.env.BENCH_IDLE_SECONDS ?? 3);
const ticks = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wright-tui-bench-'));
const home = path.join(work, 'home');
const ws = path.join(work, 'ws');
fs.mkdirSync(home); fs.mkdirSync(ws);

// ~20,000 o200k tokens of markdown: paragraphs, bullets, inline code and a code block every 40 lines.
const lines = [];
for (let i = 1; i <= 1200; i++) {
  if (i % 40 === 0) lines.push('```cs', `var total${i} = items.Where(x => x.Ready).Sum(x => x.Cost); // line ${i}`, '```');
  else if (i % 3 === 0) lines.push(`- item ${i}: check \`config.json\` and **retry** the request once more`);
  else lines.push(`Line ${i} explains what the agent did and why it matters for the next step of the plan.`);
}
lines.push('END-OF-ANSWER');
const answer = lines.join('\n');
const fixtures = { fixtures: [{ match: { userMessage: 'bench stream' }, response: { content: answer }, chunkSize: 12 }] };
const { base, mock } = await startAimock(work, fixtures);
const env = { ...process.env, WRIGHT_HOME: home, DEEPSEEK_BASE_URL: `${base}/v1`, DEEPSEEK_API_KEY: 'bench', LANG: 'C.UTF-8', TERM: 'xterm-256color' };
const model = ['--model', 'deepseek/deepseek-chat'];
const tokens = Math.round(answer.length / 4.2);

try {
  const headless = [], tui = [], idle = [];
  for (let i = 0; i < runs; i++) {
    headless.push(runHeadless());
    const t = await runTui();
    tui.push(t.turn);
    idle.push(t.idle);
  }

  const h = medians(headless), t = medians(tui), idleCpu = median(idle);
  console.log(`Wright TUI benchmark — ${new Date().toISOString()} — ${os.cpus().length} cores — ${runs} runs, medians`);
  console.log(`one answer of ${answer.length.toLocaleString('en')} characters (~${tokens.toLocaleString('en')} tokens), streamed in 12-character chunks\n`);
  console.log(pad('measure', 34) + pad('TUI', 12) + pad('wright -p', 12) + 'ratio');
  console.log(pad('wall ms, request → last line', 34) + pad(t.wall.toFixed(0), 12) + pad(h.wall.toFixed(0), 12) + (t.wall / h.wall).toFixed(2) + '×');
  console.log(pad('CPU ms of wright (user+sys)', 34) + pad(t.cpu.toFixed(0), 12) + pad(h.cpu.toFixed(0), 12) + (t.cpu / h.cpu).toFixed(2) + '×');
  console.log(pad('tokens/s rendered', 34) + pad((tokens / (t.wall / 1000)).toFixed(0), 12) + pad((tokens / (h.wall / 1000)).toFixed(0), 12));
  console.log(pad(`CPU ms idle at the prompt, ${idleSeconds} s`, 34) + pad(idleCpu.toFixed(0), 12) + pad('-', 12));
  console.log('\nThe TUI wall time includes tmux parsing and drawing the output; wright -p includes its own start (about 60 ms).');
  console.log('CPU is the wright process alone, all threads (from /proc/PID/stat and /usr/bin/time).');
} finally {
  mock.kill();
  fs.rmSync(work, { recursive: true, force: true });
}

function runHeadless() {
  const out = path.join(work, 'answer.txt');
  const start = process.hrtime.bigint();
  // /usr/bin/time reports the child's user and system seconds.
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'sh', '-c', '"$@" > "$0"', out, wright, '-p', 'bench stream', ...model, '--cwd', ws],
    { env, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 || !fs.readFileSync(out, 'utf8').includes('END-OF-ANSWER')) throw new Error('headless run failed: ' + r.stderr);
  const [user, sys] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

async function runTui() {
  const socket = 'wright-tui-bench-' + process.pid;
  const tmux = (...args) => {
    const r = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const envArgs = Object.entries({ PATH: process.env.PATH, HOME: work, TERM: 'xterm-256color', LANG: 'C.UTF-8', WRIGHT_HOME: home,
    DEEPSEEK_BASE_URL: `${base}/v1`, DEEPSEEK_API_KEY: 'bench' }).map(([k, v]) => `${k}=${v}`);
  tmux('new-session', '-d', '-s', 'b', '-x', '80', '-y', '30', '-c', ws, '--', 'env', '-i', ...envArgs, wright, ...model, '--permission-mode', 'plan');
  try {
    await until(() => tmux('capture-pane', '-p', '-t', 'b').includes('›'), 10_000);
    const panePid = tmux('list-panes', '-t', 'b', '-F', '#{pane_pid}').trim();
    const before = cpuMs(panePid);
    const start = process.hrtime.bigint();
    tmux('send-keys', '-t', 'b', '-l', 'bench stream');
    tmux('send-keys', '-t', 'b', 'Enter');
    await until(() => tmux('capture-pane', '-p', '-t', 'b').includes('END-OF-ANSWER'), 120_000, 5);
    const wall = Number(process.hrtime.bigint() - start) / 1e6;
    const turnCpu = cpuMs(panePid) - before;
    await until(() => /›\s*$/.test(tmux('capture-pane', '-p', '-t', 'b').trimEnd()), 10_000);
    const idleStart = cpuMs(panePid);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    return { turn: { wall, cpu: turnCpu }, idle: cpuMs(panePid) - idleStart };
  } finally {
    try { tmux('kill-server'); } catch { /* gone */ }
  }
}

/** utime + stime of a process (from /proc/PID/stat), in milliseconds. */
function cpuMs(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 1000 / ticks;
}

async function until(check, timeoutMs, pollMs = 50) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error('timed out');
}

function medians(xs) { return { wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) }; }
