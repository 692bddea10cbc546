#!/usr/bin/env node
// The `wright` command of the npm package @wright-agent/wright: it starts the NativeAOT binary that npm installed
// from the optional dependency of this platform (@wright-agent/linux-x64, …), as esbuild's and Codex's packages do.
"use strict";

const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

function isMusl() {
  if (process.platform !== "linux") return false;
  try {
    const report = process.report && process.report.getReport();
    return !(report && report.header && report.header.glibcVersionRuntime);
  } catch {
    return fs.existsSync("/etc/alpine-release");
  }
}

// Candidates in order of preference for this platform.
function candidates() {
  const key = `${process.platform}-${process.arch}`;
  switch (key) {
    case "linux-x64":
      return isMusl() ? ["linux-x64-static"] : ["linux-x64", "linux-x64-static"];
    case "linux-arm64":
      return isMusl() ? [] : ["linux-arm64"];
    default:
      return [];
  }
}

function findBinary() {
  if (process.env.WRIGHT_NPM_BINARY) return process.env.WRIGHT_NPM_BINARY;
  for (const name of candidates()) {
    try {
      const manifest = require.resolve(`@wright-agent/${name}/package.json`);
      const binary = path.join(path.dirname(manifest), "bin", "wright");
      if (fs.existsSync(binary)) return binary;
    } catch {
      // not installed (npm skips optional dependencies of other platforms)
    }
  }
  return null;
}

const binary = findBinary();
if (!binary) {
  const platform = `${process.platform}-${process.arch}${isMusl() ? " (musl)" : ""}`;
  console.error(
    `wright: no Wright binary for ${platform}. Builds exist for linux-x64, linux-arm64 and x64 musl (Alpine); ` +
      "macOS and Windows are planned. If your platform is one of these, reinstall without --omit=optional " +
      "(npm install -g @wright-agent/wright), or use install.sh from the release.",
  );
  process.exit(1);
}

const child = spawn(binary, process.argv.slice(2), { stdio: "inherit" });
// The terminal sends SIGINT/SIGQUIT to the whole foreground group, the binary included: ignore them here. Signals sent
// to this process alone are passed on.
for (const signal of ["SIGINT", "SIGQUIT"]) process.on(signal, () => {});
for (const signal of ["SIGTERM", "SIGHUP", "SIGUSR1", "SIGUSR2"]) {
  process.on(signal, () => {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  });
}
child.on("error", (error) => {
  console.error(`wright: cannot start ${binary}: ${error.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});
