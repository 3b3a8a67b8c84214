// Bundles the CLI into one file, dist/cli/bin.js (replacing tsc's two-line entry), so `sriovc` starts
// without resolving and compiling ~300 modules (chevrotain and lodash-es alone are ~250): on a 10-line
// file, `sriovc check` started in 0.52 s unbundled and 0.27 s bundled (docs/PERFORMANCE.md). Run after tsc.
// - prettier stays external: it is large, loads its own plugins, and only `fmt` needs it. tinypool too: it
//   starts its workers from a file of its own package.
// - commander is CommonJS: the banner gives the ESM bundle a `require` for its `require("node:events")`.
// - Every dist module that finds data by `new URL("../../…", import.meta.url)` sits two levels below the
//   package root, as dist/cli/bin.js does, so those paths still resolve from the bundle.
import { chmodSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "dist/cli/bin.js");
const result = await build({
  entryPoints: [join(root, "src/cli/bin.ts")],
  bundle: true,
  write: false,
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
let text = result.outputFiles[0].text;
if (!text.startsWith("#!")) text = `#!/usr/bin/env node\n${text}`;
const temporary = `${out}.${process.pid}.tmp`;
writeFileSync(temporary, text);
chmodSync(temporary, 0o755);
renameSync(temporary, out);
