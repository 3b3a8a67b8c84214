// Regenerates docs/img/editor.png (the README's picture of the editor support): lines 44–74 of
// samples/four-data-paths.sriov as an editor shows them with the sriovc language server — colours from the
// TextMate grammar, the inlay hints the server returns (cycles per packet after each attach) and its hover
// on the vSwitch interface's attach — rendered headless in Debian's Chromium. Every hint and the hover
// text come from a real server session; only the editor chrome is drawn here.
// Run after `npm run build`: node scripts/editor-screenshot.mjs
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import oniguruma from "vscode-oniguruma";
import textmate from "vscode-textmate";

const root = path.resolve(import.meta.dirname, "..");
const sample = "samples/four-data-paths.sriov";
const text = readFileSync(path.join(root, sample), "utf8");
const lines = text.split("\n");
const FIRST = 43; // 0-based: the `// Bare metal` comment
const LAST = 73;
const hoverLine = lines.findIndex((l) => l.includes("attach = vswitch(br0)"));

// --- the server's answers
const server = spawn(process.execPath, [path.join(root, "dist/cli/bin.js"), "lsp", "--stdio"], { cwd: root, stdio: ["pipe", "pipe", "inherit"] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
connection.onRequest("client/registerCapability", () => null);
const diagnostics = new Promise((resolve) => connection.onNotification("textDocument/publishDiagnostics", resolve));
connection.listen();
await connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {} });
const uri = pathToFileURL(path.join(root, sample)).href;
await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sriov", version: 1, text } });
await diagnostics;
const hints = await connection.sendRequest("textDocument/inlayHint", { textDocument: { uri }, range: { start: { line: FIRST, character: 0 }, end: { line: LAST, character: 0 } } });
const hover = await connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: hoverLine, character: lines[hoverLine].indexOf("vswitch(") + 2 } });
await connection.sendRequest("shutdown");
await connection.sendNotification("exit");
connection.dispose();

// --- colours from the TextMate grammar
const wasm = readFileSync(createRequire(import.meta.url).resolve("vscode-oniguruma/release/onig.wasm"));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
const registry = new textmate.Registry({
  onigLib: Promise.resolve({ createOnigScanner: (s) => new oniguruma.OnigScanner(s), createOnigString: (s) => new oniguruma.OnigString(s) }),
  loadGrammar: async () => textmate.parseRawGrammar(readFileSync(path.join(root, "grammar/sriov.tmLanguage.json"), "utf8"), "sriov.tmLanguage.json"),
});
const grammar = await registry.loadGrammar("source.sriov");
const COLOURS = [
  ["comment", "#6a9955"],
  ["string", "#ce9178"],
  ["constant.numeric", "#b5cea8"],
  ["keyword.other.unit", "#4ec9b0"],
  ["constant", "#569cd6"],
  ["storage.type", "#569cd6"],
  ["entity.name", "#4fc1ff"],
  ["variable.other.property", "#9cdcfe"],
  ["support.function", "#dcdcaa"],
  ["keyword", "#d4d4d4"],
];
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
let state = textmate.INITIAL;
const rendered = [];
lines.forEach((line, index) => {
  const result = grammar.tokenizeLine(line, state);
  state = result.ruleStack;
  if (index < FIRST || index > LAST) return;
  const lineHints = hints.filter((h) => h.position.line === index).sort((a, b) => a.position.character - b.position.character);
  let html = "";
  for (const token of result.tokens) {
    const value = line.slice(token.startIndex, token.endIndex);
    const scope = [...token.scopes].reverse().find((s) => COLOURS.some(([prefix]) => s.startsWith(prefix)));
    const colour = scope ? COLOURS.find(([prefix]) => scope.startsWith(prefix))[1] : "#d4d4d4";
    html += `<span style="color:${colour}">${escape(value)}</span>`;
  }
  for (const hint of lineHints) html += `<span class="hint">${escape(hint.label)}</span>`;
  let popup = "";
  if (index === hoverLine) {
    const markdown = escape(hover.contents.value)
      .replace(/\*\*([^*]+)\*\*/g, "<b>$1</b>")
      .replace(/`([^`]+)`/g, "<code>$1</code>")
      .split("\n\n")
      .map((p) => `<p>${p}</p>`)
      .join("");
    popup = `<div class="hover" style="left:${6 + lines[hoverLine].indexOf("vswitch(")}ch">${markdown}</div>`;
  }
  rendered.push(`<div class="line"><span class="gutter">${index + 1}</span><span class="code">${html}</span>${popup}</div>`);
});
const page = `<!doctype html><meta charset="utf-8"><style>
body { margin: 0; background: #1e1e1e; font: 14px/1.5 "DejaVu Sans Mono", monospace; color: #d4d4d4; }
.editor { padding: 12px 0; width: 1100px; }
.line { position: relative; white-space: pre; height: 21px; }
.gutter { display: inline-block; width: 4ch; margin-right: 2ch; text-align: right; color: #858585; }
.hint { margin-left: 1ch; padding: 0 5px; border-radius: 3px; background: #2d2d30; color: #a0a0a0; font-size: 12px; }
.hover { position: absolute; top: 23px; z-index: 2; width: 620px; padding: 4px 12px; background: #252526; border: 1px solid #454545;
  box-shadow: 0 2px 8px #000a; white-space: normal; font: 13px/1.45 "DejaVu Sans", sans-serif; color: #cccccc; }
.hover code { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; color: #d7ba7d; }
.hover p { margin: 6px 0; }
</style><div class="editor">${rendered.join("\n")}</div>`;

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
try {
  const tab = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  await tab.setContent(page);
  const box = await tab.locator(".editor").boundingBox();
  await tab.screenshot({ path: path.join(root, "docs/img/editor.png"), clip: { x: 0, y: 0, width: 1100, height: Math.ceil(box.height) } });
} finally {
  await browser.close();
}
