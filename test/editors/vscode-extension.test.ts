/**
 * The VS Code extension in editors/vscode/: its manifest is valid and consistent with the server and the
 * grammar, and `npm run package:vscode` (scripts/package-vscode.mjs, after the build) packs a .vsix that
 * holds the client, the server bundle, the grammar and the data the server reads, and nothing else — and
 * the server in it runs on its own, without node_modules.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";
import { TextDocument, type TextEdit } from "vscode-languageserver-textdocument";
import { beforeAll, describe, expect, it } from "vitest";
import { TOKEN_TYPES } from "../../src/lsp/semantic-tokens.js";
import { zipEntries } from "../helpers/zip.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXTENSION = path.join(ROOT, "editors/vscode");
const manifest = JSON.parse(readFileSync(path.join(EXTENSION, "package.json"), "utf8"));
const grammar = JSON.parse(readFileSync(path.join(ROOT, "grammar/sriov.tmLanguage.json"), "utf8"));

describe("the extension manifest", () => {
  it("has what vsce and VS Code require", () => {
    expect(manifest.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(manifest.publisher).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.engines.vscode).toBe("^1.91.0");
    // vscode-languageclient 11 needs VS Code ^1.91: the extension must not claim an older one.
    const client = JSON.parse(readFileSync(path.join(ROOT, "node_modules/vscode-languageclient/package.json"), "utf8"));
    expect(client.engines.vscode).toBe(manifest.engines.vscode);
    expect(manifest.main).toBe("./dist/extension.js");
    expect(manifest.activationEvents).toEqual(["onLanguage:sriov"]);
    expect(manifest.repository.url).toMatch(/^https:\/\//);
  });

  it("contributes the sriov language with its configuration and the TextMate grammar", () => {
    const [language] = manifest.contributes.languages;
    expect(language).toMatchObject({ id: "sriov", extensions: [".sriov"], configuration: "./language-configuration.json" });
    const configuration = JSON.parse(readFileSync(path.join(EXTENSION, "language-configuration.json"), "utf8"));
    expect(configuration.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
    expect(configuration.brackets).toEqual([["{", "}"], ["[", "]"], ["(", ")"]]);
    expect(configuration.autoClosingPairs.map((p: { open: string }) => p.open)).toEqual(["{", "[", "(", '"', "/*"]);
    expect(new RegExp(configuration.indentationRules.increaseIndentPattern).test("host h1 {")).toBe(true);
    expect(new RegExp(configuration.indentationRules.increaseIndentPattern).test("  uplinks = [")).toBe(true);
    expect(new RegExp(configuration.indentationRules.decreaseIndentPattern).test("  }")).toBe(true);
    expect(new RegExp(configuration.indentationRules.increaseIndentPattern).test('  description = "a { b"')).toBe(false);
    const [contributed] = manifest.contributes.grammars;
    expect(contributed).toEqual({ language: "sriov", scopeName: grammar.scopeName, path: "./syntaxes/sriov.tmLanguage.json" });
  });

  it("declares the settings the client reads and the server's semantic token types", () => {
    const properties = manifest.contributes.configuration.properties;
    expect(properties["sriov.inlayHints.enabled"]).toMatchObject({ type: "boolean", default: true });
    expect(properties["sriov.configPath"]).toMatchObject({ type: "string", default: "" });
    const client = readFileSync(path.join(EXTENSION, "src/extension.ts"), "utf8");
    expect(client).toContain('get<boolean>("inlayHints.enabled", true)');
    expect(client).toContain('get<string>("configPath", "")');
    expect(manifest.contributes.semanticTokenTypes.map((t: { id: string }) => t.id)).toEqual([...TOKEN_TYPES]);
  });

  it("contributes a restart and an output command, registered by the client and listed only once it runs", () => {
    expect(manifest.contributes.commands).toEqual([
      { command: "sriov.restartServer", title: "Restart Language Server", category: "SR-IOV" },
      { command: "sriov.showOutput", title: "Show Language Server Output", category: "SR-IOV" },
    ]);
    const client = readFileSync(path.join(EXTENSION, "src/extension.ts"), "utf8");
    const registered = [...client.matchAll(/registerCommand\("([^"]+)"/g)].map((m) => m[1]);
    expect(registered).toEqual(manifest.contributes.commands.map((c: { command: string }) => c.command));
    expect(manifest.contributes.menus.commandPalette).toEqual(registered.map((command) => ({ command, when: "sriov.active" })));
    expect(client).toContain('executeCommand("setContext", "sriov.active", true)');
  });
});

describe("the .vsix", () => {
  let entries: ReturnType<typeof zipEntries>;

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, "scripts/package-vscode.mjs")], { cwd: ROOT, stdio: "pipe" });
    entries = zipEntries(readFileSync(path.join(EXTENSION, `${manifest.name}-${manifest.version}.vsix`)));
  }, 240_000);

  it("holds the client, the server bundle, the grammar and the server's data, and nothing else", () => {
    const names = entries.map((e) => e.name).sort();
    const rules = names.filter((n) => n.startsWith("extension/docs/rules/"));
    expect(rules.length).toBeGreaterThan(30);
    expect(names.filter((n) => !n.startsWith("extension/docs/rules/"))).toEqual(
      [
        "[Content_Types].xml",
        "extension.vsixmanifest",
        "extension/changelog.md",
        "extension/data/nics.json",
        "extension/data/profiles/apicv-no-posted.json",
        "extension/data/profiles/default.json",
        "extension/data/profiles/legacy-no-posted.json",
        "extension/dist/extension.js",
        "extension/dist/server/package.json",
        "extension/dist/server/server.js",
        "extension/dist/validators/cost-profile.cjs",
        "extension/dist/validators/ir.cjs",
        "extension/dist/validators/nic-catalogue.cjs",
        "extension/language-configuration.json",
        "extension/package.json",
        "extension/readme.md",
        "extension/schema/config.schema.json",
        "extension/schema/cost-profile.schema.json",
        "extension/schema/ir.schema.json",
        "extension/schema/nic-catalogue.schema.json",
        "extension/syntaxes/sriov.tmLanguage.json",
      ].sort(),
    );
    expect(names.some((n) => /node_modules|\/src\/|\.ts$|\.vsix$|\.map$/.test(n))).toBe(false);
    const packed = entries.find((e) => e.name === "extension/syntaxes/sriov.tmLanguage.json")!;
    expect(packed.read().toString("utf8")).toBe(readFileSync(path.join(ROOT, "grammar/sriov.tmLanguage.json"), "utf8"));
  });

  it("runs its bundled server on its own: diagnostics (under a sriovc.json), hover and formatting without node_modules", async () => {
    const unpacked = mkdtempSync(path.join(tmpdir(), "sriovc-vsix-"));
    for (const entry of entries) {
      const target = path.join(unpacked, entry.name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, entry.read());
    }
    // A configuration is validated with ajv, which the bundle must carry: there is no node_modules here.
    writeFileSync(path.join(unpacked, "sriovc.json"), '{ "rules": { "unused-declaration": "error" } }\n');
    const server = path.join(unpacked, "extension/dist/server/server.js");
    expect(existsSync(server)).toBe(true);
    const child = spawn(process.execPath, [server, "--stdio"], { cwd: unpacked, stdio: ["pipe", "pipe", "pipe"] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onRequest("client/registerCapability", () => null);
    const diagnostics = new Promise<{ diagnostics: { code: string; severity: number }[] }>((resolve) => connection.onNotification("textDocument/publishDiagnostics", resolve));
    connection.listen();
    try {
      await connection.sendRequest("initialize", { processId: null, rootUri: pathToFileURL(unpacked).href, capabilities: {} });
      const uri = pathToFileURL(path.join(unpacked, "t.sriov")).href;
      const text = 'host h1 {\n   cores = 4\n nic n { model = "intel-x710" }\n}\n';
      await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sriov", version: 1, text } });
      expect((await diagnostics).diagnostics.map((d) => [d.code, d.severity])).toEqual([["unused-declaration", 1]]);
      const hover = await connection.sendRequest<{ contents: { value: string } }>("textDocument/hover", { textDocument: { uri }, position: { line: 2, character: 20 } });
      expect(hover.contents.value).toContain("Intel Ethernet Controller X710");
      const edits = await connection.sendRequest<TextEdit[]>("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      // The changed lines only (`host h1 {` and the last `}` stay); applied, the formatted file.
      expect(edits.map((e) => e.range)).toEqual([{ start: { line: 1, character: 0 }, end: { line: 3, character: 0 } }]);
      expect(TextDocument.applyEdits(TextDocument.create(uri, "sriov", 1, text), edits)).toBe('host h1 {\n  cores = 4\n  nic n {\n    model = "intel-x710"\n  }\n}\n');
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
