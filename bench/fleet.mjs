// Fleet benchmark: run by bench/fleet.sh. Prints figures; asserts nothing.
//   tasks/min          BENCH_TASKS tasks (one write_file call each) through 1, 2, 3 nodes (--max-parallel BENCH_PARALLEL each)
//   scheduling latency queued → running (the attempt_status events' times), median and p90
//   failover           kill -9 of the node running an attempt → the attempt runs on another node, and → it succeeded
//   memory per node    VmHWM of each node after the 3-node run
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { aimockCli, freePort, kb, sleep, waitFor } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeBin = process.env.WRIGHT_NODE_BIN ?? path.join(root, 'dist', 'wright-node', 'wright-node');
const tasks = Number(process.env.BENCH_TASKS ?? 30);
const parallel = Number(process.env.BENCH_PARALLEL ?? 2);
const token = 'bench-token-0123456789';
const secret = 'bench-cluster-secret-' + Math.random().toString(36).slice(2) + Date.now();
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wright-fleet-bench-'));
const asRoot = process.getuid() === 0;
const pgBin = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => b - a).map(v => `/usr/lib/postgresql/${v}/bin`).find(d => fs.existsSync(`${d}/initdb`));
const pg = (prog, ...args) => {
  const r = asRoot ? spawnSync('/usr/sbin/runuser', ['-u', 'postgres', '--', `${pgBin}/${prog}`, ...args], { cwd: '/tmp' }) : spawnSync(`${pgBin}/${prog}`, args, { cwd: '/tmp' });
  if (r.status !== 0) throw new Error(`${prog}: ${r.stderr}`);
};
const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wright-fleet-bench-pg-'));   // beside, not inside, the 0700 work directory
if (asRoot) spawnSync('/usr/bin/chown', ['postgres', pgDir]);
pg('initdb', '-D', `${pgDir}/data`, '-A', 'trust', '-U', 'wright', '--no-sync', '-E', 'UTF8', '--locale=C');
const pgPort = await freePort();
pg('pg_ctl', '-D', `${pgDir}/data`, '-l', `${pgDir}/log`, '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${pgPort} -c unix_socket_directories=${pgDir} -c fsync=off -c max_connections=300`, 'start');

const repo = path.join(work, 'repos', 'demo');
fs.mkdirSync(repo, { recursive: true });
const git = (...args) => spawnSync('git', ['-c', 'user.name=B', '-c', 'user.email=b@b', '-c', 'init.defaultBranch=main', ...args], { cwd: repo });
git('init', '-q'); fs.writeFileSync(path.join(repo, 'README.md'), '# bench\n'); git('add', '-A'); git('commit', '-q', '-m', 'initial');
const fixtures = { fixtures: [
  { match: { userMessage: 'bench task', hasToolResult: false }, response: { toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path: 'out.txt', content: 'x\n' }) }] } },
  { match: { userMessage: 'bench task', hasToolResult: true }, response: { content: 'Done.' } },
  { match: { userMessage: 'crash test', hasToolResult: false }, response: { toolCalls: [{ id: 'call_effect', name: 'shell', arguments: JSON.stringify({ command: 'echo ran >> effects.txt' }) }] } },
  { match: { toolCallId: 'call_effect' }, response: { toolCalls: [{ id: 'call_sleep', name: 'shell', arguments: JSON.stringify({ command: 'sleep 120' }) }] } },
  { match: { userMessage: 'server restarted' }, response: { content: 'Resumed.' } },
] };
fs.writeFileSync(path.join(work, 'fixtures.json'), JSON.stringify(fixtures));
const mockPort = await freePort();
const mock = spawn('node', [aimockCli, '-p', String(mockPort), '-f', path.join(work, 'fixtures.json'), '--log-level', 'silent'], { stdio: 'ignore' });
await waitFor(async () => (await fetch(`http://127.0.0.1:${mockPort}/__aimock/journal`)).ok);

const nodes = [];
const rows = [];
try {
  for (const count of [1, 2, 3]) {
    const db = `b${count}`;
    pgSql(`CREATE DATABASE ${db}`);
    const cluster = `Host=127.0.0.1;Port=${pgPort};Username=wright;Database=${db}`;
    for (let i = 0; i < count; i++) nodes.push(await startNode(cluster, `n${i + 1}`, count));
    const api = nodes[0].api;
    const start = performance.now();
    const ids = [];
    for (let i = 0; i < tasks; i++) {
      const r = await fetch(`${nodes[i % count].api}/api/tasks`, { method: 'POST', headers, body: JSON.stringify({ prompt: `bench task ${i}`, repo, model: 'deepseek/deepseek-chat' }) });
      if (r.status !== 201) throw new Error(`create: ${r.status} ${await r.text()}`);
      ids.push((await r.json()).id);
    }
    let list;
    for (;;) {
      list = await (await fetch(`${api}/api/tasks`, { headers })).json();
      if (list.every(t => ['succeeded', 'failed', 'cancelled'].includes(t.status))) break;
      await sleep(100);
    }
    const drain = performance.now() - start;
    const failed = list.filter(t => t.status !== 'succeeded').length;
    const latencies = [];
    for (const id of ids) {
      const events = await stored(api, id);
      const queued = events.find(e => e.type === 'attempt_status' && e.status === 'queued');
      const running = events.find(e => e.type === 'attempt_status' && e.status === 'running');
      if (queued && running) latencies.push(Date.parse(running.time) - Date.parse(queued.time));
    }
    latencies.sort((a, b) => a - b);
    const spread = {};
    for (const t of list) { const n = path.basename(path.dirname(t.attempts[0].worktree ?? '')).replace('-worktrees', ''); spread[n] = (spread[n] ?? 0) + 1; }
    rows.push([`${count} node${count > 1 ? 's' : ''}`, `${(tasks / (drain / 60000)).toFixed(1)} tasks/min`, `${(drain / 1000).toFixed(1)} s for ${tasks} (${failed} failed)`,
      `latency median ${latencies[Math.floor(latencies.length / 2)]} ms, p90 ${latencies[Math.floor(latencies.length * 0.9)]} ms`, Object.entries(spread).map(([k, v]) => `${k}:${v}`).join(' ')]);
    if (count === 3) {
      const mem = nodes.map(n => `${n.name} ${(kb(n.proc.pid, 'VmHWM') / 1024).toFixed(0)} MB`);
      rows.push(['memory per node (VmHWM)', mem.join(', '), '', '', '']);
      // Failover: kill -9 of the node that runs an attempt (after its first journaled call).
      const r = await fetch(`${api}/api/tasks`, { method: 'POST', headers, body: JSON.stringify({ prompt: 'crash test', repo, model: 'deepseek/deepseek-chat' }) });
      const id = (await r.json()).id;
      let owner;
      await waitFor(async () => {
        const events = await stored(api, id);
        if (!events.some(e => e.type === 'tool_call_requested' && e.call_id === 'call_sleep')) return false;
        const fleet = await (await fetch(`${api}/api/fleet`, { headers })).json();
        owner = fleet.nodes.find(n => n.attempts.includes(`${id}/1`));
        return !!owner;
      }, 600);
      const victim = nodes.find(n => owner.url.includes(`:${n.port}/`));
      const other = nodes.find(n => n !== victim);
      const killed = performance.now();
      victim.proc.kill('SIGKILL');
      let moved;
      await waitFor(async () => {
        const fleet = await (await fetch(`${other.api}/api/fleet`, { headers })).json();
        const o = fleet.nodes.find(n => n.attempts.includes(`${id}/1`));
        if (o && o.id !== owner.id && moved === undefined) moved = performance.now() - killed;
        const t = await (await fetch(`${other.api}/api/tasks/${id}`, { headers })).json();
        return t.status === 'succeeded';
      }, 1200);
      const done = performance.now() - killed;
      rows.push(['failover after kill -9', `${((moved ?? done) / 1000).toFixed(1)} s to another node`, `${(done / 1000).toFixed(1)} s to succeeded (resumed from its journal)`,
        'probe timeout 1 s, 2 missed probes', '']);
    }
    for (const n of nodes.splice(0)) { n.proc.kill('SIGKILL'); }
  }
  rows.push(['machine', `${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB`, '', '', '']);
  const w = [0, 1, 2, 3, 4].map(i => Math.max(...rows.map(r => String(r[i]).length)));
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(w[i])).join('  '));
} finally {
  for (const n of nodes) n.proc.kill('SIGKILL');
  mock.kill();
  try { pg('pg_ctl', '-D', `${pgDir}/data`, '-m', 'immediate', 'stop'); } catch { }
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(pgDir, { recursive: true, force: true });
}

async function startNode(cluster, name, count) {
  const home = path.join(work, `${name}-${count}`);
  fs.mkdirSync(home, { recursive: true });
  const port = await freePort();
  const siloPort = await freePort();
  const env = { ...process.env, WRIGHT_HOME: home, DEEPSEEK_BASE_URL: `http://127.0.0.1:${mockPort}/v1`, DEEPSEEK_API_KEY: 'bench', WRIGHT_SERVER_TOKEN: token, WRIGHT_CLUSTER_SECRET: secret };
  const proc = spawn(nodeBin, ['serve', '--cluster', cluster, '--name', name, '--port', String(port), '--silo-port', String(siloPort), '--repo-root', path.dirname(repo),
    '--max-parallel', String(parallel), '--probe-timeout', '1', '--missed-probes', '2'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr.on('data', d => { err += d; });
  await waitFor(() => err.includes('joined the fleet'), 2400);
  return { name, port, proc, api: `http://127.0.0.1:${port}` };
}
async function stored(api, id) {
  const text = await (await fetch(`${api}/api/tasks/${id}/events?follow=0`, { headers })).text();
  return text.split('\n').filter(l => l.startsWith('data: ')).map(l => JSON.parse(l.slice(6)));
}
function pgSql(sql) {
  const args = ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'wright', '-d', 'postgres', '-c', sql];
  const r = asRoot ? spawnSync('/usr/sbin/runuser', ['-u', 'postgres', '--', `${pgBin}/psql`, ...args], { cwd: '/tmp' }) : spawnSync(`${pgBin}/psql`, args);
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
}
