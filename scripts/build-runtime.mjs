// Bundles the dependency-free simulator (src/report/standalone.ts and what it imports) into one script that
// `sriovc compile --emit js` puts in front of the IR data: dist/runtime/simulator.js. Run after tsc.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const result = await build({
  entryPoints: [join(root, "src/report/standalone.ts")],
  bundle: true,
  write: false,
  format: "iife",
  globalName: "SriovcSimulator",
  platform: "neutral",
  target: "es2022",
  legalComments: "none",
  logLevel: "warning",
});
const text = result.outputFiles[0].text;
if (/\brequire\(|\bimport\(/.test(text)) throw new Error("the simulator runtime must not load modules at run time");
const out = join(root, "dist/runtime/simulator.js");
mkdirSync(dirname(out), { recursive: true });
const temporary = `${out}.${process.pid}.tmp`;
writeFileSync(temporary, text);
renameSync(temporary, out);
