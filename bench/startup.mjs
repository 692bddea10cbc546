// Start-up and memory of several builds of dist/wright side by side: run by bench/startup.sh. Asserts nothing.
// Every binary named on the command line (label=path, or a path) and Codex's native binary run alternately, run after
// run, so that machine load hits them alike: `--version` (wall, CPU = user + system, peak RSS) for all of them, and a
// one-shot headless turn through aimock (same figures) for the Wright builds.
//   bench/startup.sh main=/tmp/wright-main new=dist/wright small-gen0=dist/wright+DOTNET_GCgen0size=0x400000
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const aimockCli = process.env.AIMOCK_CLI ?? path.join(root, 'tests', 'node', 'node_modules', '@copilotkit', 'aimock', 'dist', 'cli.js');
const runs = Number(process.env.BENCH_RUNS ?? 31);
const codex = process.env.CODEX_BIN && fs.existsSync(process.env.CODEX_BIN) ? process.env.CODEX_BIN : null;
// label=path[+NAME=value…]: the build at path, run with those environment variables (e.g. +DOTNET_GCgen0size=0x400000).
const builds = (process.argv.length > 2 ? process.argv.slice(2) : [path.join(root, 'dist', 'wright')]).map((a) => {
  const [spec, ...vars] = a.split('+');
  const i = spec.indexOf('=');
  const extra = Object.fromEntries(vars.map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]));
  return i > 0 ? { label: spec.slice(0, i), bin: path.resolve(spec.slice(i + 1)), extra } : { label: path.basename(spec), bin: path.resolve(spec), extra };
});

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wright-startup-'));
const ws = path.join(work, 'ws');
fs.mkdirSync(ws);
const fixtureFile = path.join(work, 'fixtures.json');
fs.writeFileSync(fixtureFile, JSON.stringify({ fixtures: [{ match: { userMessage: 'bench one-shot' }, response: { content: 'Done.' } }] }));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const mock = spawn('node', [aimockCli, '-p', String(port), '-f', fixtureFile, '--log-level', 'silent'], { stdio: 'ignore' });
await waitFor(async () => (await fetch(`${base}/__aimock/journal`)).ok);

try {
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  const version = Object.fromEntries([...builds.map((b) => [b.label, []]), ...(codex ? [['codex', []]] : [])]);
  const oneShot = Object.fromEntries(builds.map((b) => [b.label, []]));
  for (const b of builds) {
    // Each build has its own home: the first one-shot creates the session store, which is not what is measured.
    b.env = { ...process.env, ...b.extra, WRIGHT_HOME: path.join(work, `home-${b.label}`), DEEPSEEK_BASE_URL: `${base}/v1`, DEEPSEEK_API_KEY: 'bench' };
    fs.mkdirSync(b.env.WRIGHT_HOME);
    once(b.bin, ['-p', 'bench one-shot', '--model', 'deepseek/deepseek-chat', '--cwd', ws, '--output-format', 'json'], b.env);
  }
  for (let i = 0; i < runs; i++) {
    for (const b of builds) {
      version[b.label].push(once(b.bin, ['--version'], b.env));
      oneShot[b.label].push(once(b.bin, ['-p', 'bench one-shot', '--model', 'deepseek/deepseek-chat', '--cwd', ws, '--output-format', 'json'], b.env));
    }
    if (codex) version.codex.push(once(codex, ['--version'], process.env));
  }
  console.log(`start-up — ${new Date().toISOString()} — ${os.cpus().length} cores — ${runs} runs each, interleaved, medians — load ${load} → ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  console.log(pad('build', 12) + pad('size MB', 9) + pad('--version wall', 16) + pad('CPU ms', 8) + pad('×codex', 8) + pad('RSS MB', 8)
    + pad('one-shot wall', 15) + pad('CPU ms', 8) + 'RSS MB');
  const codexCpu = codex ? median(version.codex.map((r) => r.cpu)) : NaN;
  for (const label of Object.keys(version)) {
    const v = version[label], o = oneShot[label];
    const size = label === 'codex' ? fs.statSync(codex).size : fs.statSync(builds.find((b) => b.label === label).bin).size;
    const cpu = median(v.map((r) => r.cpu));
    console.log(pad(label, 12) + pad((size / 1048576).toFixed(1), 9) + pad(median(v.map((r) => r.wall)).toFixed(1), 16)
      + pad(cpu.toFixed(1), 8) + pad((cpu / codexCpu).toFixed(2) + '×', 8) + pad(median(v.map((r) => r.rss)).toFixed(1), 8)
      + (o ? pad(median(o.map((r) => r.wall)).toFixed(1), 15) + pad(median(o.map((r) => r.cpu)).toFixed(1), 8) + median(o.map((r) => r.rss)).toFixed(1) : ''));
  }
} finally {
  mock.kill();
  fs.rmSync(work, { recursive: true, force: true });
}

// One run under /usr/bin/time (peak RSS) inside bash, whose `times` gives the children's CPU time in milliseconds.
function once(cmd, args, env) {
  const start = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', '/usr/bin/time -f "rss %M" "$@"; status=$?; times >&2; exit $status', 'bench', cmd, ...args], { env, encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  const rss = Number(r.stderr.match(/rss (\d+)/)[1]) / 1024;
  const t = r.stderr.trim().split('\n').pop().match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/);
  const cpu = t ? (Number(t[1]) * 60 + Number(t[2]) + Number(t[3]) * 60 + Number(t[4])) * 1000 : NaN;
  return { wall, rss, cpu };
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function pad(s, n) { s = String(s); return s.length >= n ? s + ' ' : s + ' '.repeat(n - s.length); }
function freePort() {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); }); });
}
async function waitFor(check) {
  for (let i = 0; i < 100; i++) { try { if (await check()) return; } catch { /* not up yet */ } await new Promise((r) => setTimeout(r, 100)); }
  throw new Error('aimock did not start');
}
