// Helpers the bench scripts share: statistics, /proc readings, a free port, waiting with a deadline, and aimock.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const aimockCli = process.env.AIMOCK_CLI ?? path.join(root, 'tests', 'node', 'node_modules', '@copilotkit', 'aimock', 'dist', 'cli.js');

export function mean(xs) { return xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length); }
export function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
export function pad(s, n) { s = String(s); return s.length >= n ? s + ' ' : s + ' '.repeat(n - s.length); }
export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

/** A field of /proc/PID/status in kB (VmRSS, VmHWM…); 0 once the process is gone. */
export function kb(pid, field) {
  try { return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return 0; }
}

export function freePort() {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); }); });
}

/** Polls check() every 50 ms until it holds, at most `tries` times (200: 10 s); a throw counts as not yet. */
export async function waitFor(check, tries = 200, what = 'timed out') {
  for (let i = 0; i < tries; i++) { try { if (await check()) return; } catch { /* not yet */ } await sleep(50); }
  throw new Error(what);
}

/** Starts aimock on a free port with `fixtures` (written to WORK/fixtures.json); { base, mock } once it answers. */
export async function startAimock(work, fixtures) {
  const fixtureFile = path.join(work, 'fixtures.json');
  fs.writeFileSync(fixtureFile, JSON.stringify(fixtures));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const mock = spawn('node', [aimockCli, '-p', String(port), '-f', fixtureFile, '--log-level', 'silent'], { stdio: 'ignore' });
  try {
    await waitFor(async () => (await fetch(`${base}/__aimock/journal`)).ok, 200, 'aimock did not start');
  } catch (e) {
    mock.kill();
    throw e;
  }
  return { base, mock };
}
