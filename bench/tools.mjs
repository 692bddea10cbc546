// Wright tool benchmark: run by bench/tools.sh (and bench/run.sh). Prints tables; asserts nothing.
// Wright's tools run in bench/ToolBench (NativeAOT, the shipped binary's settings); every figure has a reference
// measured in the same invocation, runs interleaved so machine load hits both alike, and the ratio to it:
//   grep         vs ripgrep (`rg -l`, `rg -n`) over the same large trees, same filters; match counts compared
//   edit_file    vs `sed -i` making the same one-line change near the end of a 10,000-line file
//   apply_patch  vs `git apply` of the equivalent unified diff (50 hunks) on the same file
// Wright's grep figures are the ToolBench process's (start-up included, like rg's): wall time, and CPU time (user +
// system, all threads, from bash's `times`; it moves less than wall time when other work shares the machine), with
// the tool's own in-process time beside them ("(tool)": that time over rg's wall time, what the agent, a long-lived
// process, pays). Both commands run under the same `bash -c '…; times'` wrapper.
// edit_file/apply_patch figures are in-process (the agent is a long-lived process); their references are whole
// processes, so those ratios favour the reference by its start-up.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, pad } from './lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolBench = process.env.TOOLBENCH_BIN ?? path.join(root, 'bench', 'ToolBench', 'bin', 'publish', 'ToolBench');
const runs = Number(process.env.BENCH_TOOL_RUNS ?? 7);
const dotnetRoot = path.dirname(fs.realpathSync(spawnSync('sh', ['-c', 'command -v dotnet'], { encoding: 'utf8' }).stdout.trim()));
const trees = (process.env.BENCH_TREES ?? `${dotnetRoot}:/usr/include`).split(':').filter((t) => fs.existsSync(t));
const patterns = [
  { name: 'literal', pattern: 'Returns the' },
  { name: 'case-insensitive word', pattern: '\\berror\\b', ignoreCase: true },
  { name: 'alternation regex', pattern: '\\b(class|struct|enum)\\s+[A-Z]\\w*' },
  { name: 'rare string', pattern: 'Deflate' },
  { name: 'common short string', pattern: 'if' },
];
const modes = [
  { name: 'files', tool: 'files_with_matches', rg: ['-l'] },
  { name: 'content', tool: 'content', rg: ['-n'] },
];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wright-toolbench-'));
try {
  console.log(`Wright tool benchmark — ${new Date().toISOString()} — ${os.cpus().length} × ${os.cpus()[0].model.trim()}, load ${os.loadavg()[0].toFixed(1)} — ${runs} interleaved runs each, medians`);
  console.log(`${spawnSync('rg', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0]}; ToolBench ${path.relative(root, toolBench)}\n`);
  grep();
  edits();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

function grep() {
  console.log(pad('tree (files)', 26) + pad('pattern', 24) + pad('mode', 9) + pad('wright ms', 11) + pad('(tool ms)', 11) + pad('rg ms', 9)
    + pad('ratio', 8) + pad('(tool)', 8) + pad('CPU ratio', 11) + pad('files/lines wright = rg', 26) + 'target ≤ 1.5×');
  const ratios = [], toolRatios = [], cpuRatios = [];
  for (const tree of trees) {
    const files = spawnSync('rg', ['--no-config', '--files', tree], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout.split('\n').filter(Boolean).length;
    const label = `${tree} (${files})`;
    for (const p of patterns) {
      for (const mode of modes) {
        const args = { pattern: p.pattern, output_mode: mode.tool, head_limit: 100000000, ...(p.ignoreCase ? { case_insensitive: true } : {}) };
        const rgArgs = ['--no-config', '--color', 'never', '--no-heading', ...mode.rg, ...(p.ignoreCase ? ['-i'] : []), '-e', p.pattern, tree];
        const w = [], wc = [], t = [], r = [], rc = [];
        let wrightCount = 0, rgCount = 0;
        for (let i = 0; i < runs; i++) {
          const wr = timed(toolBench, ['grep', tree, JSON.stringify(args), '1']);
          const report = JSON.parse(wr.stdout);
          if (report.error) throw new Error(`grep failed: ${report.head}`);
          w.push(wr.ms); wc.push(wr.cpu); t.push(report.ms[0]);
          wrightCount = report.head.startsWith('No matches') ? 0 : report.lines;
          const rr = timed('rg', rgArgs, [0, 1]);
          r.push(rr.ms); rc.push(rr.cpu);
          rgCount = lineCount(rr.stdout);
        }
        const ratio = median(w) / median(r), toolRatio = median(t) / median(r), cpuRatio = median(wc) / median(rc);
        ratios.push(ratio); toolRatios.push(toolRatio); cpuRatios.push(cpuRatio);
        console.log(pad(label, 26) + pad(p.name, 24) + pad(mode.name, 9) + pad(median(w).toFixed(1), 11) + pad(median(t).toFixed(1), 11)
          + pad(median(r).toFixed(1), 9) + pad(ratio.toFixed(2) + '×', 8) + pad(toolRatio.toFixed(2) + '×', 8) + pad(cpuRatio.toFixed(2) + '×', 11)
          + (wrightCount === rgCount ? `${wrightCount} = ${rgCount}` : `${wrightCount} ≠ ${rgCount} (differs)`));
      }
    }
  }
  const geo = (xs) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length).toFixed(2) + '×';
  console.log(pad('geometric mean of the grep ratios', 81) + pad(geo(ratios), 8) + pad(geo(toolRatios), 8) + geo(cpuRatios) + '\n');
}

function edits() {
  const ws = path.join(work, 'ws');
  fs.mkdirSync(ws);
  const lines = Array.from({ length: 10000 }, (_, i) => `    public int Field${i + 1} { get; set; } = ${i + 1}; // line ${i + 1} of the generated benchmark file`);
  const original = lines.join('\n') + '\n';
  const file = path.join(ws, 'Big.cs');
  fs.writeFileSync(file + '.orig', original);
  const restore = () => fs.copyFileSync(file + '.orig', file);

  // edit_file: one line near the end; sed -i makes the same change.
  const target = 9990;
  const edited = lines.map((l, i) => (i + 1 === target ? l.replace(`= ${target};`, `= -${target};`) : l)).join('\n') + '\n';
  const editArgs = { path: 'Big.cs', old_string: lines[target - 1], new_string: lines[target - 1].replace(`= ${target};`, `= -${target};`) };
  const edit = JSON.parse(spawnSync(toolBench, ['edit', ws, 'Big.cs', JSON.stringify(editArgs), String(runs)], { encoding: 'utf8' }).stdout);
  const editOk = !edit.error && fs.readFileSync(file, 'utf8') === edited;
  const sedTimes = [];
  for (let i = 0; i < runs; i++) {
    restore();
    sedTimes.push(timed('sed', ['-i', `${target}s/= ${target};/= -${target};/`, file]).ms);
  }
  const sedOk = fs.readFileSync(file, 'utf8') === edited;

  // apply_patch: 50 one-line hunks, every 200 lines, 3 lines of context; git apply gets the same change as a unified diff.
  const changed = new Set(Array.from({ length: 50 }, (_, k) => 100 + 200 * k));
  const patched = lines.map((l, i) => (changed.has(i + 1) ? l.replace('{ get; set; }', '{ get; init; }') : l));
  const hunks = [...changed].map((n) => {
    const ctx = (a, b) => lines.slice(a - 1, b).map((l) => ' ' + l);
    return ['@@', ...ctx(n - 3, n - 1), '-' + lines[n - 1], '+' + patched[n - 1], ...ctx(n + 1, n + 3)].join('\n');
  });
  const codexPatch = ['*** Begin Patch', '*** Update File: Big.cs', ...hunks, '*** End Patch'].join('\n');
  fs.writeFileSync(path.join(work, 'patch.json'), JSON.stringify({ patch: codexPatch }));
  const patch = JSON.parse(spawnSync(toolBench, ['patch', ws, 'Big.cs', '@' + path.join(work, 'patch.json'), String(runs)], { encoding: 'utf8' }).stdout);
  const expected = patched.join('\n') + '\n';
  const patchOk = !patch.error && fs.readFileSync(file, 'utf8') === expected;
  const diffFile = path.join(work, 'big.diff');
  fs.writeFileSync(path.join(work, 'Big.cs.new'), expected);
  const diff = spawnSync('diff', ['-U3', '--label', 'a/Big.cs', '--label', 'b/Big.cs', file + '.orig', path.join(work, 'Big.cs.new')], { encoding: 'utf8' }).stdout;
  fs.writeFileSync(diffFile, diff);
  const gitTimes = [];
  for (let i = 0; i < runs; i++) {
    restore();
    gitTimes.push(timed('git', ['apply', diffFile], [0], ws).ms);
  }
  const gitOk = fs.readFileSync(file, 'utf8') === expected;

  console.log(pad('edit on a 10,000-line file', 44) + pad('wright ms', 11) + pad('reference', 30) + pad('ref ms', 9) + pad('ratio', 8) + 'same result');
  console.log(pad('edit_file, one line near the end', 44) + pad(median(edit.ms).toFixed(2), 11) + pad('sed -i (process)', 30)
    + pad(median(sedTimes).toFixed(2), 9) + pad((median(edit.ms) / median(sedTimes)).toFixed(2) + '×', 8) + (editOk && sedOk ? 'yes' : 'NO'));
  console.log(pad(`apply_patch, ${changed.size} hunks`, 44) + pad(median(patch.ms).toFixed(2), 11) + pad('git apply, same diff (process)', 30)
    + pad(median(gitTimes).toFixed(2), 9) + pad((median(patch.ms) / median(gitTimes)).toFixed(2) + '×', 8) + (patchOk && gitOk ? 'yes' : 'NO'));
}

/** Runs a command under `bash -c '"$@"; times'`: wall ms, and the command's CPU ms (user + system) from `times`. */
function timed(cmd, args, okStatus = [0], cwd = undefined) {
  const start = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', '"$@"; status=$?; times >&2; exit $status', 'bench', cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, cwd });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okStatus.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.error ?? ''}`);
  // `times` prints the shell's user/system line, then its children's: "0m0.081s 0m0.052s".
  const children = r.stderr.trim().split('\n').pop().match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/);
  const cpu = children ? (Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])) * 1000 : NaN;
  return { ms, cpu, stdout: r.stdout };
}

function lineCount(s) { return s.length === 0 ? 0 : s.split('\n').filter(Boolean).length; }
