/**
 * Diagnostics as you type, end to end over stdio: the same as `sriovc check --format json` for the same
 * text and sriovc.json (rule ids, severities, ranges, related locations, messages with their help line),
 * each rule's page as codeDescription.href, the `unnecessary` tag on unused-*, incremental changes,
 * importers refreshed, and a changed sriovc.json re-checking the open files.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, LspClient, workspace, type PublishedDiagnostics } from "./harness.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});

async function start(root: string, options: unknown = {}): Promise<LspClient> {
  const client = new LspClient(root);
  clients.push(client);
  await client.initialize(options);
  return client;
}

interface JsonDiagnostic {
  file: string;
  rule: string;
  severity: "error" | "warning" | "info";
  message: string;
  help?: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  related: { file: string; range: JsonDiagnostic["range"]; message: string }[];
}

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;
const lspRange = (r: JsonDiagnostic["range"]) => ({ start: { line: r.start.line - 1, character: r.start.column - 1 }, end: { line: r.end.line - 1, character: r.end.column - 1 } });

/** What `sriovc check FILE --format json`, run in `root`, says about FILE, in LSP terms. */
function checkAsLsp(root: string, file: string): unknown[] {
  const run = spawnSync(process.execPath, [BIN, "check", file, "--format", "json"], { cwd: root, encoding: "utf8" });
  expect(run.status === 0 || run.status === 1).toBe(true);
  const list = JSON.parse(run.stdout) as JsonDiagnostic[];
  return list
    .filter((d) => d.file === file)
    .map((d) => ({
      range: lspRange(d.range),
      severity: SEVERITY[d.severity],
      code: d.rule,
      message: d.help === undefined ? d.message : `${d.message}\nhelp: ${d.help}`,
      related: d.related.map((r) => ({ location: { uri: pathToFileURL(path.join(root, r.file)).href, range: lspRange(r.range) }, message: r.message })),
    }));
}

function inOrder(list: unknown[]): unknown[] {
  const key = (d: unknown) => JSON.stringify(d);
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function comparable(published: PublishedDiagnostics): unknown[] {
  return published.diagnostics.map((d) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message, related: d.relatedInformation ?? [] }));
}

function copySamples(): string {
  const root = mkdtempSync(path.join(tmpdir(), "sriovc-lsp-samples-"));
  cpSync(path.join(ROOT, "samples"), root, { recursive: true });
  return root;
}

describe("diagnostics", () => {
  it.each(["mistakes.sriov", "imports/rack.sriov", "four-data-paths.sriov", "nfv-numa.sriov"])("are those of `sriovc check` for samples/%s", async (sample) => {
    const root = copySamples();
    const client = await start(root);
    const uri = await client.open(sample, readFileSync(path.join(root, sample), "utf8"));
    const published = await client.diagnostics(uri);
    // The same findings; their order in a publication means nothing to an editor (JSON lists them by place).
    expect(inOrder(comparable(published))).toEqual(inOrder(checkAsLsp(root, sample)));
    if (sample === "mistakes.sriov") expect(published.diagnostics.length).toBeGreaterThan(15);
  });

  it("link each rule's page, tag unused-* as unnecessary and carry related locations", async () => {
    const root = copySamples();
    const client = await start(root);
    const uri = await client.open("mistakes.sriov", readFileSync(path.join(root, "mistakes.sriov"), "utf8"));
    const { diagnostics } = await client.diagnostics(uri);
    for (const d of diagnostics) {
      expect(d.codeDescription?.href).toBe(`https://github.com/sriovc/sriovc/blob/main/docs/rules/${d.code}.md`);
      expect(d.tags ?? []).toEqual(d.code.startsWith("unused-") ? [1] : []);
    }
    const unusedVf = diagnostics.find((d) => d.code === "unused-vf")!;
    expect(unusedVf.range).toEqual({ start: { line: 23, character: 12 }, end: { line: 23, character: 13 } });
    const duplicateMac = diagnostics.find((d) => d.code === "duplicate-mac")!;
    expect(duplicateMac.relatedInformation?.[0]?.location).toEqual({ uri, range: { start: { line: 53, character: 12 }, end: { line: 53, character: 29 } } });
  });

  it("follow incremental changes, syntax errors included, with the document's version", async () => {
    const text = "host h1 {\n  cores = 4\n}\n";
    const root = workspace({ "t.sriov": text });
    const client = await start(root);
    const uri = await client.open("t.sriov", text);
    expect((await client.diagnostics(uri)).diagnostics).toEqual([]);
    const version = await client.change(uri, { start: { line: 1, character: 10 }, end: { line: 1, character: 11 } }, "4GHz");
    const changed = await client.diagnostics(uri, (d) => d.version === version);
    expect(changed.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character])).toEqual([["invalid-value", 1, 10]]);
    const broken = await client.change(uri, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }, "");
    const syntax = await client.diagnostics(uri, (d) => d.version === broken);
    expect(syntax.diagnostics.map((d) => d.code)).toEqual(["syntax"]);
    expect(syntax.diagnostics[0]!.message).toContain("expected");
  });

  it("of open importers are refreshed when an imported file changes", async () => {
    const lib = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 2\n    }\n  }\n}\n';
    const main = 'import "lib.sriov"\n\ntraffic t {\n  to = h1.vm1.eth0\n  rate = 1Kpps\n}\n';
    const root = workspace({ "lib.sriov": lib, "main.sriov": main });
    const client = await start(root);
    const libUri = await client.open("lib.sriov", lib);
    const mainUri = await client.open("main.sriov", main);
    expect((await client.diagnostics(mainUri)).diagnostics.map((d) => d.code)).toEqual(["unknown-reference"]);
    await client.diagnostics(libUri);
    // Add the VM the traffic names to the (unsaved) imported file: the importer's error goes.
    const vm = "  vm vm1 {\n    iface eth0 {\n      attach = vf(x.p0)\n    }\n  }\n";
    await client.change(libUri, { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, vm);
    const refreshed = await client.diagnostics(mainUri, (d) => d.diagnostics.length === 0);
    expect(refreshed.diagnostics).toEqual([]);
  });

  it("of open importers are refreshed when an imported file changes, in a folder whose uri the editor encodes otherwise than Node", async () => {
    // VS Code writes `(` and `)` as %28 and %29 in a file's uri; Node's pathToFileURL leaves them as they are.
    const lib = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 2\n    }\n  }\n}\n';
    const main = 'import "lib.sriov"\n\ntraffic t {\n  to = h1.vm1.eth0\n  rate = 1Kpps\n}\n';
    const root = workspace({});
    mkdirSync(path.join(root, "lab (old)"));
    writeFileSync(path.join(root, "lab (old)", "lib.sriov"), lib);
    writeFileSync(path.join(root, "lab (old)", "main.sriov"), main);
    const client = await start(root);
    const uriOf = (file: string) => pathToFileURL(path.join(root, "lab (old)", file)).href.replace("(", "%28").replace(")", "%29");
    const [libUri, mainUri] = [uriOf("lib.sriov"), uriOf("main.sriov")];
    for (const [uri, text] of [[libUri, lib], [mainUri, main]] as const) await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sriov", version: 1, text } });
    expect((await client.diagnostics(mainUri)).diagnostics.map((d) => d.code)).toEqual(["unknown-reference"]);
    await client.diagnostics(libUri);
    const vm = "  vm vm1 {\n    iface eth0 {\n      attach = vf(x.p0)\n    }\n  }\n";
    await client.change(libUri, { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, vm);
    expect((await client.diagnostics(mainUri, (d) => d.diagnostics.length === 0)).diagnostics).toEqual([]);
    // Closing the changed file (unsaved) brings the importer's error back: it reads the file on disk again.
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: libUri } });
    expect((await client.diagnostics(mainUri, (d) => d.diagnostics.length === 1)).diagnostics.map((d) => d.code)).toEqual(["unknown-reference"]);
  });

  it("of open importers are refreshed when a file they import but could not find is opened in the editor", async () => {
    const main = 'import "lib.sriov"\n\ntraffic t {\n  to = h1.vm1.eth0\n  rate = 1Kpps\n}\n';
    const root = workspace({ "main.sriov": main });
    const client = await start(root);
    const mainUri = await client.open("main.sriov", main);
    expect((await client.diagnostics(mainUri)).diagnostics.map((d) => d.code)).toEqual(["import-not-found", "unknown-reference"]);
    // A new, unsaved lib.sriov (the editor has it; the disk does not yet): the importer reads it.
    const lib = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 2\n    }\n  }\n  vm vm1 {\n    iface eth0 {\n      attach = vf(x.p0)\n    }\n  }\n}\n';
    await client.open("lib.sriov", lib);
    const refreshed = await client.diagnostics(mainUri, (d) => d.diagnostics.length === 0);
    expect(refreshed.diagnostics).toEqual([]);
  });

  it("of open importers are still refreshed, and their references found, after an unrelated file is closed", async () => {
    const lib = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 1\n    }\n  }\n  vm v {\n    iface e {\n      attach = vf(x.p0)\n    }\n  }\n}\n';
    const main = 'import "lib.sriov"\n\ntraffic t {\n  to = h1.v.e\n  rate = 1Kpps\n}\n';
    const other = "host z {\n  cores = 4\n}\n";
    const root = workspace({ "lib.sriov": lib, "main.sriov": main, "other.sriov": other });
    const client = await start(root);
    const libUri = await client.open("lib.sriov", lib);
    const mainUri = await client.open("main.sriov", main);
    const otherUri = await client.open("other.sriov", other);
    expect((await client.diagnostics(mainUri)).diagnostics).toEqual([]);
    await client.diagnostics(libUri);
    await client.diagnostics(otherUri);
    await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri: otherUri } });
    // `v` in lib.sriov is still referenced from the open importer.
    const refs = await client.request<{ uri: string; range: unknown }[]>("textDocument/references", { textDocument: { uri: libUri }, position: { line: 7, character: 5 }, context: { includeDeclaration: false } });
    expect(refs).toEqual([{ uri: mainUri, range: { start: { line: 3, character: 10 }, end: { line: 3, character: 11 } } }]);
    // Renaming the VM in the (unsaved) import breaks the importer's reference: the importer says so.
    await client.change(libUri, { start: { line: 7, character: 5 }, end: { line: 7, character: 6 } }, "w");
    const refreshed = await client.diagnostics(mainUri, (d) => d.diagnostics.length > 0);
    expect(refreshed.diagnostics.map((d) => [d.code, d.range])).toEqual([["unknown-reference", { start: { line: 3, character: 7 }, end: { line: 3, character: 13 } }]]);
  });

  it("follow sriovc.json: its rule settings apply, and a change to it re-checks the open files", async () => {
    const text = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 2\n    }\n  }\n}\n';
    const root = workspace({ "t.sriov": text, "sriovc.json": JSON.stringify({ rules: { "unused-vf": "off" } }) });
    const client = await start(root);
    const uri = await client.open("t.sriov", text);
    const first = await client.diagnostics(uri);
    expect(comparable(first)).toEqual(checkAsLsp(root, "t.sriov"));
    expect(first.diagnostics.map((d) => d.code)).not.toContain("unused-vf");
    writeFileSync(path.join(root, "sriovc.json"), JSON.stringify({ rules: { "unused-vf": "error", "unused-declaration": "off" } }));
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(path.join(root, "sriovc.json")).href, type: 2 }] });
    const second = await client.diagnostics(uri, (d) => d.diagnostics.some((x) => x.code === "unused-vf"));
    expect(comparable(second)).toEqual(checkAsLsp(root, "t.sriov"));
    expect(second.diagnostics.find((d) => d.code === "unused-vf")!.severity).toBe(1);
  });

  it("use the sriovc.json named by the configPath setting", async () => {
    const text = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 2\n    }\n  }\n}\n';
    const root = workspace({ "t.sriov": text, "strict.json": JSON.stringify({ rules: { "unused-vf": "error" } }) });
    const client = await start(root, { configPath: "strict.json" });
    const uri = await client.open("t.sriov", text);
    expect((await client.diagnostics(uri)).diagnostics.find((d) => d.code === "unused-vf")?.severity).toBe(1);
  });
});

describe("re-checking", () => {
  it("ends a burst of changes with the diagnostics of the last version", async () => {
    const text = "host h1 {\n  cores = 4\n}\n";
    const root = workspace({ "t.sriov": text });
    const client = await start(root);
    const uri = await client.open("t.sriov", text);
    await client.diagnostics(uri);
    const before = client.history.length;
    const values = ["5", "4GHz", "6", "7GHz", "8"];
    let last = 0;
    for (const value of values) last = await client.change(uri, { start: { line: 1, character: 10 }, end: { line: 1, character: 10 + (last === 0 ? 1 : values[values.indexOf(value) - 1]!.length) } }, value);
    const final = await client.diagnostics(uri, (d) => d.version === last);
    expect(final.diagnostics).toEqual([]);
    const published = client.history.slice(before).map((p) => p.version ?? -1);
    // Versions only go up, and the burst was not checked once per change.
    expect([...published].sort((a, b) => a - b)).toEqual(published);
    expect(published.length).toBeLessThan(values.length);
  });

  it("parses only the changed file: an unchanged import is not parsed again", async () => {
    const lib = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 1\n    }\n  }\n  vm v {\n    iface e {\n      attach = vf(x.p0)\n    }\n  }\n}\n';
    const main = 'import "lib.sriov"\n\ntraffic t {\n  to = h1.v.e\n  rate = 1Kpps\n}\n';
    const root = workspace({ "lib.sriov": lib, "main.sriov": main });
    const client = await start(root);
    const uri = await client.open("main.sriov", main);
    expect((await client.diagnostics(uri)).diagnostics).toEqual([]);
    const before = await client.request<{ parseCount: number }>("sriovc/stats", {});
    expect(before.parseCount).toBe(2);
    for (const rate of ["2Kpps", "3Kpps", "4Kpps"]) {
      const version = await client.change(uri, { start: { line: 4, character: 9 }, end: { line: 4, character: 14 } }, rate);
      await client.diagnostics(uri, (d) => d.version === version);
    }
    const after = await client.request<{ parseCount: number }>("sriovc/stats", {});
    expect(after.parseCount).toBe(5);
  });
});
