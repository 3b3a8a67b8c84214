#!/usr/bin/env node
// The language server's speed, called by `npm run bench` after bench/run.mjs (goals and recorded figures:
// docs/PERFORMANCE.md, "Language server"). Spawns `node dist/cli/bin.js lsp --stdio` and drives it over
// stdio with vscode-jsonrpc, as an editor does, on a 10,000-line file that imports a 10,000-line file:
//
// - didChange of one line → publishDiagnostics for that version (p50/p95 over the edits);
// - hover, completion, definition (p50/p95 over requests at positions spread over the file);
// - the import is not parsed again on a change (the server's parse count, `sriovc/stats`);
// - the server's RSS with ten such files open (each with its own 10,000-line import).
//
//   node bench/lsp.mjs [--quick]     (--quick: 2,000-line files, fewer samples; a smoke test)
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { generateTopology } from "./generate.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const quick = process.argv.includes("--quick");
const LINES = quick ? 2000 : 10000;
const EDITS = quick ? 15 : 60;
const REQUESTS = quick ? 30 : 150;
const OPEN_FOR_MEMORY = quick ? 3 : 10;
const work = mkdtempSync(join(tmpdir(), "sriovc-lsp-bench-"));

/** A main file of LINES lines importing a lib of LINES lines with other host names (and no `simulation`). */
function pair(index) {
  const { source } = generateTopology({ lines: LINES });
  const lib = source.replace(/simulation \{[^}]*\}/, "").replace(/\bh(\d+)/g, "lib$1");
  const libName = `lib${index}.sriov`;
  const mainLines = `import "${libName}"\n${source}`.split("\n");
  // Keep the main file at LINES lines: drop one padding or blank line for the import.
  const blank = mainLines.findIndex((line, i) => i > 0 && line === "");
  if (blank !== -1) mainLines.splice(blank, 1);
  writeFileSync(join(work, libName), lib);
  const mainName = `main${index}.sriov`;
  writeFileSync(join(work, mainName), mainLines.join("\n"));
  return { main: mainName, text: mainLines.join("\n"), lines: mainLines };
}

function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

const server = spawn(process.execPath, [join(root, "dist/cli/bin.js"), "lsp", "--stdio"], { cwd: work, stdio: ["pipe", "pipe", "inherit"] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiters = [];
const published = new Map();
connection.onNotification("textDocument/publishDiagnostics", (params) => {
  published.set(params.uri, params);
  for (const waiter of [...waiters]) {
    if (waiter.uri === params.uri && (waiter.version === undefined || params.version === waiter.version)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(params);
    }
  }
});
connection.onRequest("client/registerCapability", () => null);
connection.listen();
const diagnosticsFor = (uri, version) => new Promise((resolve) => waiters.push({ uri, version, resolve }));

await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(work).href, capabilities: {} });
await connection.sendNotification("initialized", {});

const first = pair(0);
const uri = pathToFileURL(join(work, first.main)).href;
let version = 1;
const opened = diagnosticsFor(uri, 1);
let start = performance.now();
await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sriov", version, text: first.text } });
const openDiagnostics = await opened;
const openMs = performance.now() - start;

// Edits: change the value of one `vcpus = N` line back and forth (a real re-check each time).
const editLine = first.lines.findIndex((line) => /^\s*vcpus = \d+$/.test(line));
const editColumn = first.lines[editLine].indexOf("=") + 2;
const original = Number(first.lines[editLine].slice(editColumn));
const statsBefore = await connection.sendRequest("sriovc/stats", {});
const parsesBefore = statsBefore.parseCount;
const editTimes = [];
for (let i = 0; i < EDITS + 3; i++) {
  // Never the value already there, so that every edit changes the text.
  const value = String(original + 1 + (i % 2));
  const old = first.lines[editLine].slice(editColumn);
  first.lines[editLine] = first.lines[editLine].slice(0, editColumn) + value;
  version += 1;
  const done = diagnosticsFor(uri, version);
  start = performance.now();
  await connection.sendNotification("textDocument/didChange", {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: editLine, character: editColumn }, end: { line: editLine, character: editColumn + old.length } }, text: value }],
  });
  await done;
  if (i >= 3) editTimes.push(performance.now() - start);
}
const statsAfter = await connection.sendRequest("sriovc/stats", {});
const parsesAfter = statsAfter.parseCount;
// The server's own CPU time per edit (main thread and GC threads): what the edits cost apart from waiting
// for a core on a shared machine.
const cpuPerEdit = (statsAfter.cpuMs - statsBefore.cpuMs) / (EDITS + 3);

// Requests at positions spread over the file: hover on attribute names and references, completion after
// `attach = vf(`, definition of references.
const refLines = first.lines.map((line, i) => [line, i]).filter(([line]) => /attach = (vf|vmdq|vswitch)\(/.test(line));
const attrLines = first.lines.map((line, i) => [line, i]).filter(([line]) => /^\s*(vcpus|speed|rate) = /.test(line));
const pick = (list, k) => list[Math.floor((k * list.length) / REQUESTS) % list.length];
async function timed(method, paramsOf) {
  const times = [];
  for (let k = 0; k < REQUESTS; k++) {
    const params = paramsOf(k);
    const t = performance.now();
    const result = await connection.sendRequest(method, params);
    times.push(performance.now() - t);
    if (k === 0 && (result === null || (Array.isArray(result) && result.length === 0))) throw new Error(`${method} answered nothing at ${JSON.stringify(params.position)}`);
  }
  return times;
}
const at = (line, character) => ({ textDocument: { uri }, position: { line, character } });
const hoverTimes = await timed("textDocument/hover", (k) => {
  const [line, i] = pick(attrLines, k);
  return at(i, line.search(/\S/) + 1);
});
const completionTimes = await timed("textDocument/completion", (k) => {
  const [line, i] = pick(refLines, k);
  return at(i, line.indexOf("(") + 1);
});
const definitionTimes = await timed("textDocument/definition", (k) => {
  const [line, i] = pick(refLines, k);
  return at(i, line.indexOf("(") + 2);
});

// Memory: open more such pairs until OPEN_FOR_MEMORY files are open, each checked.
for (let n = 1; n < OPEN_FOR_MEMORY; n++) {
  const next = pair(n);
  const nextUri = pathToFileURL(join(work, next.main)).href;
  const done = diagnosticsFor(nextUri, 1);
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri: nextUri, languageId: "sriov", version: 1, text: next.text } });
  await done;
}
const stats = await connection.sendRequest("sriovc/stats", {});

await connection.sendRequest("shutdown");
await connection.sendNotification("exit");
connection.dispose();

const ms = (v) => `${v.toFixed(1)} ms`;
const row = (name, times, goal) => {
  const p95 = percentile(times, 95);
  return `| ${name} | ${ms(percentile(times, 50))} | **${ms(p95)}** | ≤ ${goal} ms | ${p95 <= goal ? "met" : "**missed**"} |`;
};
console.log(`\nLanguage server (bench/lsp.mjs${quick ? " --quick" : ""}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores): a ${first.lines.length}-line file importing a ${LINES}-line file; ${openDiagnostics.diagnostics.length} diagnostics in it; first check after didOpen ${ms(openMs)}\n`);
console.log("| measure | p50 | p95 | goal | |");
console.log("|---|---|---|---|---|");
console.log(row(`didChange of one line → publishDiagnostics (${editTimes.length} edits)`, editTimes, 100));
console.log(row(`hover (${REQUESTS})`, hoverTimes, 25));
console.log(row(`completion (${REQUESTS})`, completionTimes, 25));
console.log(row(`definition (${REQUESTS})`, definitionTimes, 25));
console.log(`| server CPU time per edit (mean) | ${ms(cpuPerEdit)} | | | |`);
const reparsed = parsesAfter - parsesBefore;
console.log(`| files parsed over ${EDITS + 3} edits of the main file | ${reparsed} | | ${EDITS + 3} (the import: 0) | ${reparsed === EDITS + 3 ? "met" : "**missed**"} |`);
const mib = stats.rssBytes / 1024 / 1024;
console.log(`| server RSS with ${stats.openFiles} such files open | ${mib.toFixed(0)} MiB | | ≤ 400 MB | ${stats.rssBytes <= 400e6 ? "met" : "**missed**"} |`);
