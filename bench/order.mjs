// Writes the ILC order file (src/Wright.Cli/startup.order): the managed methods that `--version`, `--help` and a
// one-shot headless turn through aimock run, in the order they first run, so that the compiler lays them out together
// and a start faults in fewer code pages from the file. Run by bench/order.sh.
//   node bench/order.mjs BINARY OBJECT OUT
// BINARY is a dist/wright build, OBJECT the ILC object it was linked from (obj/…/native/wright.o, which still has the
// symbols the binary's strip removed). Every run executes under valgrind's lackey tool, which reports each superblock
// (a straight run of instructions) as it is executed; each address is mapped to the method that holds it through the
// object's symbol table (the binary's __managedcode section is the object's, at the section's address).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { startAimock } from './lib.mjs';

const [bin, obj, out] = process.argv.slice(2);
if (!bin || !obj || !out) { console.error('usage: node bench/order.mjs BINARY OBJECT OUT'); process.exit(2); }
// valgrind loads a position-independent executable at this address on x86-64 (checked below against the entry point).
const valgrindBase = 0x108000n;

const section = (file, name) => {
  const line = execFileSync('readelf', ['-SW', file], { encoding: 'utf8', maxBuffer: 1 << 24 }).split('\n')
    .find((l) => l.includes(` ${name} `));
  if (!line) throw new Error(`${file} has no ${name} section`);
  const m = /\[\s*(\d+)\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)/.exec(line);
  return { index: Number(m[1]), address: BigInt('0x' + m[2]), size: Number('0x' + m[3]) };
};
const code = section(bin, '__managedcode');
const objCode = section(obj, '__managedcode');
if (code.size !== objCode.size) throw new Error(`${obj} is not the object ${bin} was linked from (__managedcode sizes differ)`);
const entry = BigInt(/Entry point address:\s+(0x[0-9a-f]+)/.exec(execFileSync('readelf', ['-hW', bin], { encoding: 'utf8' }))[1]);

// The object's methods: offset in __managedcode, size, mangled name (what --order matches).
const methods = [];
const symtab = spawn('readelf', ['-sW', '--wide', obj], { stdio: ['ignore', 'pipe', 'inherit'] });
for await (const line of readline.createInterface({ input: symtab.stdout })) {
  const f = line.trim().split(/\s+/);
  // Num: Value Size Type Bind Vis Ndx Name
  if (f.length < 8 || f[3] !== 'FUNC' || Number(f[6]) !== objCode.index) continue;
  methods.push({ offset: Number('0x' + f[1]), size: Number(f[2]), name: f.slice(7).join(' ') });
}
methods.sort((a, b) => a.offset - b.offset);
if (methods.length === 0) throw new Error(`no method symbols in ${obj}`);

function methodAt(offset) {
  let lo = 0, hi = methods.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (methods[mid].offset <= offset) lo = mid; else hi = mid - 1; }
  const m = methods[lo];
  return m.offset <= offset && offset < m.offset + Math.max(m.size, 1) ? m : null;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wright-order-'));
const ws = path.join(work, 'ws');
fs.mkdirSync(ws);
const { base, mock } = await startAimock(work, { fixtures: [{ match: { userMessage: 'order one-shot' }, response: { content: 'Done.' } }] });
const env = { ...process.env, WRIGHT_HOME: path.join(work, 'home'), DEEPSEEK_BASE_URL: `${base}/v1`, DEEPSEEK_API_KEY: 'order' };
const oneShot = ['-p', 'order one-shot', '--model', 'deepseek/deepseek-chat', '--cwd', ws];
const order = new Map();   // name → method, in order of first execution over all runs
let sawEntry = false;
try {
  // The first one-shot creates the session store; the second is the common case. Both count.
  for (const args of [['--version'], ['--help'], [...oneShot, '--output-format', 'json'], [...oneShot, '--output-format', 'json'], oneShot]) {
    const before = order.size;
    await trace(args);
    console.error(`order: wright ${args.join(' ')}: ${order.size - before} more methods (${order.size} in all)`);
  }
} finally {
  mock.kill();
  fs.rmSync(work, { recursive: true, force: true });
}
if (!sawEntry) throw new Error('the executable was not loaded where valgrind loads position-independent executables');

const names = [...order.keys()];
fs.writeFileSync(out, names.join('\n') + '\n');
// What the order should save: 4 KB pages of code holding these methods, as laid out now and as ordered.
const pages = new Set();
let bytes = 0;
for (const m of order.values()) {
  bytes += m.size;
  for (let p = Math.floor(m.offset / 4096); p <= Math.floor((m.offset + Math.max(m.size, 1) - 1) / 4096); p++) pages.add(p);
}
console.error(`order: ${names.length} methods, ${(bytes / 1048576).toFixed(2)} MB of code; now on ${pages.size} pages `
  + `(${(pages.size / 256).toFixed(1)} MB) of ${(code.size / 1048576).toFixed(1)} MB, ordered on about ${Math.ceil(bytes / 4096)} → ${out}`);

function trace(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', ['--tool=lackey', '--trace-superblocks=yes', '--log-fd=3', bin, ...args],
      { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    const lo = valgrindBase + code.address, hi = lo + BigInt(code.size), entryAt = valgrindBase + entry;
    const seen = new Set();
    readline.createInterface({ input: child.stdio[3] }).on('line', (line) => {
      if (!line.startsWith('SB ')) return;
      const hex = line.slice(3);
      if (seen.has(hex)) return;
      seen.add(hex);
      const a = BigInt('0x' + hex);
      if (a === entryAt) sawEntry = true;
      if (a < lo || a >= hi) return;
      const m = methodAt(Number(a - lo));
      if (m && !order.has(m.name)) order.set(m.name, m);
    });
    child.on('error', reject);
    child.on('close', (status) => status === 0 ? resolve() : reject(new Error(`wright ${args.join(' ')} under valgrind exited ${status}: ${stderr}`)));
  });
}
