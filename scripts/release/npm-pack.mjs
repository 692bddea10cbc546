// Writes and packs the npm packages of a release (called by scripts/release.sh):
//   @wright-agent/wright         the launcher (bin/wright.js) with one optional dependency per asset
//   @wright-agent/<asset>        the binary for one platform, limited by os, cpu and libc so npm installs only the match
// Usage: node npm-pack.mjs VERSION OUT_DIR ASSET=BINARY...
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const [version, outDir, ...assetArgs] = process.argv.slice(2);
if (!version || !outDir || assetArgs.length === 0) {
  console.error("usage: node npm-pack.mjs VERSION OUT_DIR ASSET=BINARY...");
  process.exit(2);
}

const platforms = {
  "linux-x64": { os: ["linux"], cpu: ["x64"], libc: ["glibc"], what: "Linux x64 (glibc)" },
  "linux-arm64": { os: ["linux"], cpu: ["arm64"], libc: ["glibc"], what: "Linux arm64 (glibc)" },
  "linux-x64-static": { os: ["linux"], cpu: ["x64"], libc: ["musl"], what: "Linux x64, static (Alpine and other musl systems)" },
};
const common = {
  version,
  license: "Apache-2.0",
  homepage: "https://github.com/wright-agent/wright",
  repository: { type: "git", url: "git+https://github.com/wright-agent/wright.git" },
};

function pack(dir) {
  const out = execFileSync("npm", ["pack", "--pack-destination", path.resolve(outDir), "--silent"], { cwd: dir, encoding: "utf8" });
  console.error(`npm: ${out.trim()}`);
}

const stage = fs.mkdtempSync(path.join(os.tmpdir(), "wright-npm-"));
try {
  const optional = {};
  for (const arg of assetArgs) {
    const [asset, binary] = arg.split("=");
    const platform = platforms[asset];
    if (!platform) throw new Error(`unknown asset ${asset}`);
    const dir = path.join(stage, asset);
    fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
    fs.copyFileSync(binary, path.join(dir, "bin", "wright"));
    fs.chmodSync(path.join(dir, "bin", "wright"), 0o755);
    fs.copyFileSync(path.join(root, "LICENSE"), path.join(dir, "LICENSE"));
    fs.writeFileSync(path.join(dir, "README.md"), `# @wright-agent/${asset}\n\nThe Wright binary for ${platform.what}. Install \`@wright-agent/wright\`, which uses it.\n`);
    const name = `@wright-agent/${asset}`;
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({
      name, ...common, description: `The Wright binary for ${platform.what}.`,
      os: platform.os, cpu: platform.cpu, libc: platform.libc, files: ["bin/wright", "LICENSE", "README.md"], preferUnplugged: true,
    }, null, 2) + "\n");
    optional[name] = version;
    pack(dir);
  }

  const dir = path.join(stage, "wright");
  fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
  fs.copyFileSync(path.join(here, "npm", "wright.js"), path.join(dir, "bin", "wright.js"));
  fs.chmodSync(path.join(dir, "bin", "wright.js"), 0o755);
  fs.copyFileSync(path.join(root, "LICENSE"), path.join(dir, "LICENSE"));
  fs.copyFileSync(path.join(root, "README.md"), path.join(dir, "README.md"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({
    name: "@wright-agent/wright", ...common,
    description: "Wright: a model-neutral coding agent, as one NativeAOT binary.",
    bin: { wright: "bin/wright.js" }, files: ["bin/wright.js", "LICENSE", "README.md"],
    engines: { node: ">=18" }, optionalDependencies: optional,
  }, null, 2) + "\n");
  pack(dir);
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
