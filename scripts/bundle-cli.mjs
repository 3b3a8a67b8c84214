// Bundles the CLI into one file, dist/cli/bin.js (replacing tsc's two-line entry), so `sriovc` starts
// without resolving and compiling ~300 modules (chevrotain and lodash-es alone are ~250): on a 10-line
// file, `sriovc check` started in 0.52 s unbundled and 0.27 s bundled (docs/PERFORMANCE.md). Run after tsc.
// - prettier stays external: it is large, loads its own plugins, and only `fmt` needs it. tinypool too: it
//   starts its workers from a file of its own package.
// - commander is CommonJS: the banner gives the ESM bundle a `require` for its `require("node:events")`.
// - Code split: what only a command loaded on demand needs (the language server and its protocol library)
//   goes into chunks beside the entry, so every other command does not parse it at start.
// - Every dist module that finds data by `new URL("../../…", import.meta.url)` sits two levels below the
//   package root, as dist/cli/bin.js does, so those paths still resolve from the bundle.
import { chmodSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/cli");
const out = join(outdir, "bin.js");
// Chunks of an earlier build would be left behind under other hashes.
for (const name of readdirSync(outdir)) if (name.startsWith("chunk-")) rmSync(join(outdir, name));
const result = await build({
  entryPoints: [join(root, "src/cli/bin.ts")],
  bundle: true,
  write: false,
  outdir,
  splitting: true,
  chunkNames: "chunk-[hash]",
  platform: "node",
  format: "esm",
  target: "node20",
  external: ["prettier", "prettier/*", "tinypool"],
  banner: { js: 'import { createRequire as __sriovcCreateRequire } from "node:module";\nconst require = __sriovcCreateRequire(import.meta.url);' },
  legalComments: "none",
  // Whitespace and syntax only: V8 compiles a smaller file faster; names stay readable in error reports.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
});
for (const file of result.outputFiles) {
  const isEntry = basename(file.path) === "bin.js";
  let text = file.text;
  if (isEntry && !text.startsWith("#!")) text = `#!/usr/bin/env node\n${text}`;
  const temporary = `${file.path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  if (isEntry) chmodSync(temporary, 0o755);
  renameSync(temporary, file.path);
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
