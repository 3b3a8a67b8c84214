// Bundles the CLI into one script, dist/cli/sriovc.cjs, run by a small launcher, dist/cli/bin.js (replacing
// tsc's two-line entry), so `sriovc` starts without resolving and compiling ~300 modules (chevrotain and
// lodash-es alone are ~250): on a 10-line file, `sriovc check` started in 0.52 s unbundled and 0.27 s
// bundled (docs/PERFORMANCE.md). Run after tsc.
// - One CommonJS script, not ES modules: the launcher runs it from V8's code cache, which Node 20 keeps for
//   no ES module (scripts/code-cache.mjs). What only some commands need (the language server, the YAML
//   and XML importers, the report renderers) is in it but stays uncompiled until a command runs it.
// - prettier stays external: it is large, loads its own plugins, and only `fmt` needs it. tinypool too: it
//   starts its workers from a file of its own package.
// - Every dist module that finds data by `new URL("../../…", import.meta.url)` sits two levels below the
//   package root, as dist/cli/sriovc.cjs does, so those paths still resolve from the bundle.
import { mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { generateTopology, LINES_PER_HOST } from "../bench/generate.mjs";
import { writeLauncherAndCache } from "./code-cache.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/cli");
// Chunks of an earlier (code-split) build would be left behind.
for (const name of readdirSync(outdir)) if (name.startsWith("chunk-")) rmSync(join(outdir, name));
const result = await build({
  entryPoints: [join(root, "src/cli/bin.ts")],
  bundle: true,
  write: false,
  outfile: join(outdir, "sriovc.cjs"),
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["prettier", "prettier/*", "tinypool"],
  // The launcher passes the bundle's path; every `import.meta.url` of the sources is that file's URL.
  define: { "import.meta.url": "__sriovcUrl" },
  // "use strict" first: the sources are ES modules, strict code.
  banner: { js: '"use strict";var __sriovcUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [esmDefaultOf("tinypool")],
  legalComments: "none",
  // Whitespace and syntax only: V8 compiles a smaller file faster; names stay readable in error reports.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
});
const [output] = result.outputFiles;
// The bundle's only `import()`s are the formatter's (src/cli/formatter.ts, src/lsp/formatter-module.ts),
// of a package left external: in a script they go through the launcher's `__sriovcImport`.
const imports = output.text.match(/(?<![\w$.])import\(/g) ?? [];
// src/cli/bin.ts's `#!` line, which esbuild keeps, is the launcher's.
const text = output.text.replace(/^#![^\n]*\n/, "").replace(/(?<![\w$.])import\(FORMATTER_MODULE(\d*)\)/g, "__sriovcImport(FORMATTER_MODULE$1)");
const left = text.match(/(?<![\w$.])import\(/g) ?? [];
if (imports.length !== 2 || left.length !== 0) throw new Error(`bundle-cli: expected the formatter's two import() calls, found ${imports.length} (${left.length} left)`);
const temporary = `${output.path}.${process.pid}.tmp`;
writeFileSync(temporary, text);
renameSync(temporary, output.path);

/**
 * A default import of an ES module left external, as its `default` export (esbuild's CommonJS output would
 * give its namespace). Only the default: src/cli/fleet-pool.ts imports tinypool's `Tinypool` that way.
 */
function esmDefaultOf(name) {
  return {
    name: `esm-default-${name}`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${name}$`) }, (args) => (args.namespace === "esm-default" ? { path: name, external: true } : { path: name, namespace: "esm-default" }));
      b.onLoad({ filter: /.*/, namespace: "esm-default" }, () => ({ contents: `module.exports = require(${JSON.stringify(name)}).default;`, loader: "js" }));
    },
  };
}

/** The code cache's training input: four of the bench's hosts (the large-file path: parts, streamed resolution, early workers). */
function withTrainingTopology(use) {
  const directory = mkdtempSync(join(tmpdir(), "sriovc-code-cache-"));
  try {
    const file = join(directory, "fleet-4.sriov");
    writeFileSync(file, generateTopology({ lines: 4 * LINES_PER_HOST, durationMs: 1 }).source);
    use(file);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// The worker of `simulate --jobs` (src/cli/fleet-pool.ts), bundled into the file tsc wrote so that a
// thread loads one file instead of the simulator's module tree; it stays two levels below the package
// root, where data paths resolve.
await build({
  entryPoints: { "sim/fleet-worker": join(root, "src/sim/fleet-worker.ts") },
  bundle: true,
  outdir: join(root, "dist"),
  allowOverwrite: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["prettier", "prettier/*"],
  banner: { js: 'import { createRequire as __sriovcCreateRequire } from "node:module";\nconst require = __sriovcCreateRequire(import.meta.url);' },
  legalComments: "none",
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
});

// Last, once the worker is bundled: the training run simulates on two threads.
withTrainingTopology((file) => writeLauncherAndCache(outdir, file));
