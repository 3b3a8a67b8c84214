/**
 * Robustness, end to end over stdio: requests on a file with syntax errors answer from the recovered tree;
 * a crash in one request is logged and answered with an error while the server keeps serving; a
 * cancelled request is answered as cancelled; positions are UTF-16 code units (emoji, CJK).
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { CancellationTokenSource } from "vscode-jsonrpc/node";
import { afterEach, describe, expect, it } from "vitest";
import { cursors, LspClient, workspace } from "./harness.js";

const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});

async function start(files: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<LspClient> {
  const client = new LspClient(workspace(files), env);
  clients.push(client);
  await client.initialize();
  return client;
}

describe("robustness", () => {
  it("answers from the recovered tree of a file with syntax errors", async () => {
    const { text, positions } = cursors('host h1 {\n  cores = 4\n  nic n {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 2\n    }\n  }\n  vm v {\n    vcpus = \n    iface e {\n      <|>\n      attach = vf(<|>\n');
    const client = await start({ "t.sriov": text });
    const uri = await client.open("t.sriov", text);
    expect((await client.diagnostics(uri)).diagnostics.every((d) => d.code === "syntax")).toBe(true);
    const keys = await client.request<{ label: string }[]>("textDocument/completion", { textDocument: { uri }, position: positions[0] });
    expect(keys.map((k) => k.label)).toEqual(expect.arrayContaining(["mac", "vlan", "requires"]));
    // `attach` is set on the next line already.
    expect(keys.map((k) => k.label)).not.toContain("attach");
    const pfs = await client.request<{ label: string }[]>("textDocument/completion", { textDocument: { uri }, position: positions[1] });
    expect(pfs.map((k) => k.label)).toEqual(["n.p0"]);
    const hover = await client.request<{ contents: { value: string } }>("textDocument/hover", { textDocument: { uri }, position: { line: 5, character: 7 } });
    expect(hover.contents.value).toContain("**vfs** (`pf`)");
    const symbols = await client.request<{ name: string }[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(["h1"]);
    // Formatting leaves a broken file alone, as `sriovc fmt` does.
    expect(await client.request("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
  });

  it("logs a crash in one request, answers it with an error and keeps serving", async () => {
    const text = "host h1 {\n  cores = 4\n}\n";
    const client = await start({ "t.sriov": text }, { SRIOVC_LSP_FAULT: "hover" });
    const uri = await client.open("t.sriov", text);
    await expect(client.request("textDocument/hover", { textDocument: { uri }, position: { line: 1, character: 3 } })).rejects.toMatchObject({
      code: -32603,
      message: "sriovc: hover failed: fault injected into hover (SRIOVC_LSP_FAULT)",
    });
    expect(client.logs.some((l) => l.startsWith("sriovc: hover failed: Error: fault injected into hover"))).toBe(true);
    const symbols = await client.request<{ name: string }[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(["h1"]);
    expect((await client.diagnostics(uri)).diagnostics).toEqual([]);
    expect(await client.shutdown()).toBe(0);
  });

  it("answers a request with malformed parameters as invalid, with what is wrong, and logs no crash", async () => {
    const text = "host h1 {\n  cores = 4\n}\n";
    const client = await start({ "t.sriov": text });
    const uri = await client.open("t.sriov", text);
    const invalid = (method: string, params: unknown) => client.request(method, params).then(
      () => "answered",
      (error: { code: number; message: string }) => [error.code, error.message],
    );
    expect(await invalid("textDocument/hover", {})).toEqual([-32602, "sriovc: hover: `textDocument.uri` must be a string"]);
    expect(await invalid("textDocument/hover", { textDocument: { uri } })).toEqual([-32602, "sriovc: hover: `position` must be { line, character }, each a whole number ≥ 0"]);
    expect(await invalid("textDocument/completion", { textDocument: { uri }, position: { line: -1, character: 0 } })).toEqual([
      -32602,
      "sriovc: completion: `position` must be { line, character }, each a whole number ≥ 0",
    ]);
    expect(await invalid("textDocument/inlayHint", { textDocument: { uri } })).toEqual([-32602, "sriovc: inlayHint: `range` must be { start, end }, each a { line, character } of whole numbers ≥ 0"]);
    expect(await invalid("textDocument/codeAction", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: null })).toEqual([
      -32602,
      "sriovc: codeAction: `context` must be an object with a `diagnostics` list",
    ]);
    expect(await invalid("textDocument/rename", { textDocument: { uri }, position: { line: 0, character: 5 } })).toEqual([-32602, "sriovc: rename: `newName` must be a string"]);
    // A position past the end of its line or of the file is valid (LSP): it is answered.
    expect(await invalid("textDocument/hover", { textDocument: { uri }, position: { line: 99, character: 99 } })).toBe("answered");
    expect(client.logs).toEqual([]);
    expect(await client.shutdown()).toBe(0);
  });

  it("honours cancellation", async () => {
    const text = "host h1 {\n  cores = 4\n}\n";
    // The server holds a hover once it has it, and says so: the cancellation is sent only then, so it reaches a
    // request being served whatever the load (sent right after the request, it raced the request's dispatch).
    const client = await start({ "t.sriov": text }, { SRIOVC_LSP_HOLD: "hover" });
    const uri = await client.open("t.sriov", text);
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 1, character: 3 } }, source.token);
    const held = "sriovc: hover held until it is cancelled (SRIOVC_LSP_HOLD)";
    while (!client.logs.includes(held)) await new Promise((resolve) => setTimeout(resolve, 5));
    source.cancel();
    await expect(pending).rejects.toMatchObject({ code: -32800, message: "hover cancelled" });
    // The server is still there (hovers it holds: another request).
    const symbols = await client.request<{ name: string }[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols.map((s) => s.name)).toEqual(["h1"]);
    expect(client.logs).toEqual([held]);
  });

  it("counts positions in UTF-16 code units (emoji and CJK before a diagnostic, a reference and a cursor)", async () => {
    const { text, positions } = cursors(
      'host h1 {\n  nic n {\n    pf p0 {\n      vfs = 1\n    }\n  }\n  vm v {\n    description = "🚀 主机"\n    iface e { description = "😀😀 中文" attach = vf(n.<|>p0) }\n    iface f { description = "𝄞" attach = vf(n.p9) }\n  }\n}\n',
    );
    const client = await start({ "t.sriov": text });
    const uri = await client.open("t.sriov", text);
    const { diagnostics } = await client.diagnostics(uri);
    const unknown = diagnostics.find((d) => d.code === "unknown-reference")!;
    // `    iface f { description = "𝄞" attach = vf(` is 45 UTF-16 code units (𝄞 is two), 44 code points.
    expect(unknown.range).toEqual({ start: { line: 9, character: 45 }, end: { line: 9, character: 49 } });
    const hover = await client.request<{ range: unknown; contents: { value: string } }>("textDocument/hover", { textDocument: { uri }, position: positions[0] });
    expect(hover.contents.value).toMatch(/^PF `h1.n.p0`/);
    expect(hover.range).toEqual({ start: positions[0], end: { line: positions[0]!.line, character: positions[0]!.character + 2 } });
    // The marker's own column in UTF-16 code units: each 😀 counts two, each CJK character one.
    expect(positions[0]).toEqual({ line: 8, character: 52 });
    // An edit after the emoji, in UTF-16 positions: fix the reference.
    const version = await client.change(uri, { start: { line: 9, character: 47 }, end: { line: 9, character: 49 } }, "p0");
    const fixed = await client.diagnostics(uri, (d) => d.version === version);
    expect(fixed.diagnostics.map((d) => d.code)).not.toContain("unknown-reference");
  });

  it("refuses requests before `initialize` (ServerNotInitialized) and after `shutdown` (InvalidRequest), and still exits 0", async () => {
    const text = "host h1 {\n  cores = 4\n}\n";
    const client = new LspClient(workspace({ "t.sriov": text }));
    clients.push(client);
    const uri = client.uri("t.sriov");
    const answer = (method: string, params: unknown) => client.request(method, params).then(
      (result) => ["answered", result],
      (error: { code: number; message: string }) => [error.code, error.message],
    );
    const hover = { textDocument: { uri }, position: { line: 1, character: 3 } };
    expect(await answer("textDocument/hover", hover)).toEqual([-32002, "sriovc: textDocument/hover before initialize"]);
    expect(await answer("sriovc/stats", {})).toEqual([-32002, "sriovc: sriovc/stats before initialize"]);
    await client.initialize();
    await client.open("t.sriov", text);
    expect(await answer("textDocument/hover", hover)).toMatchObject(["answered", { contents: { value: expect.stringContaining("**cores**") } }]);
    expect(await answer("shutdown", null)).toEqual(["answered", null]);
    expect(await answer("textDocument/hover", hover)).toEqual([-32600, "sriovc: textDocument/hover after shutdown"]);
    expect(await answer("shutdown", null)).toEqual([-32600, "sriovc: shutdown after shutdown"]);
    await client.connection.sendNotification("exit");
    const code = await new Promise<number | null>((resolve) => (client.process.exitCode !== null ? resolve(client.process.exitCode) : client.process.on("exit", resolve)));
    expect(code).toBe(0);
    expect(client.logs).toEqual([]);
  });

  it("refuses a second `initialize` (InvalidRequest) and keeps the session as it was", async () => {
    const text = 'import "missing.sriov"\n';
    const root = workspace({});
    for (const folder of ["a", "b"]) mkdirSync(path.join(root, folder));
    writeFileSync(path.join(root, "a", "t.sriov"), text);
    const client = new LspClient(root);
    clients.push(client);
    await client.initialize({}, {}, ["a"]);
    const again = await client.request("initialize", { processId: null, rootUri: client.uri("b"), workspaceFolders: [{ uri: client.uri("b"), name: "b" }], capabilities: {} }).then(
      (result) => ["answered", result],
      (error: { code: number; message: string }) => [error.code, error.message],
    );
    expect(again).toEqual([-32600, "sriovc: initialize again: the server is initialized already"]);
    // Still folder a's workspace: the missing import is shown relative to it, not by its absolute path.
    const uri = await client.open("a/t.sriov", text);
    expect((await client.diagnostics(uri)).diagnostics.map((d) => d.message.split("\n")[0])).toEqual(["cannot import 'missing.sriov': no such file (missing.sriov)"]);
    expect(client.logs).toEqual([]);
  });

  it("exits when the editor goes away without `exit` (its stdin closes)", async () => {
    const client = await start({});
    const exited = new Promise<number | null>((resolve) => client.process.on("exit", resolve));
    client.process.stdin!.end();
    expect(await exited).not.toBeNull();
  });

  it("sends a client only the requests its capabilities say it takes", async () => {
    const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
    const changeSettings = (client: LspClient) => client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { sriov: { inlayHints: { enabled: false } } } });
    // No dynamic registration of file watchers, no inlay hint refresh: the server registers nothing, refreshes nothing.
    const bare = await start({});
    await changeSettings(bare);
    await settle();
    expect([bare.registered, bare.inlayHintRefreshes]).toEqual([[], 0]);
    const able = new LspClient(workspace({}));
    clients.push(able);
    await able.initialize({}, { didChangeWatchedFiles: { dynamicRegistration: true }, inlayHint: { refreshSupport: true } });
    await changeSettings(able);
    // Waited for, not a fixed while (200 ms may not be enough on a loaded machine); one that never comes
    // fails the test on its timeout. The quiet spell after it shows no second one follows.
    while (able.registered.length === 0 || able.inlayHintRefreshes === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await settle();
    expect([able.registered, able.inlayHintRefreshes]).toEqual([["workspace/didChangeWatchedFiles"], 1]);
  });

  it("serves a workspace opened through a symbolic link as it serves the folder itself", async () => {
    // macOS's /tmp is a link to /private/tmp; home directories are often links too. The editor names files
    // by the link, the loader by their real path.
    const lib = 'host h1 {\n  nic x {\n    model = "intel-x710"\n    pf p0 {\n      vfs = 2\n    }\n  }\n  vm vm1 {\n    iface eth0 {\n      attach = vf(x.p0)\n    }\n  }\n}\n';
    const main = 'import "lib.sriov"\n\ntraffic t {\n  to = h1.vm1.eth9\n  rate = 1Kpps\n}\n';
    const real = workspace({ "lib.sriov": lib, "main.sriov": main });
    const link = `${real}-link`;
    symlinkSync(real, link);
    const client = new LspClient(link);
    clients.push(client);
    await client.initialize();
    const libUri = await client.open("lib.sriov", lib);
    const mainUri = await client.open("main.sriov", main);
    expect((await client.diagnostics(mainUri)).diagnostics.map((d) => d.code)).toEqual(["unknown-reference"]);
    const symbols = await client.request<{ name: string }[]>("textDocument/documentSymbol", { textDocument: { uri: libUri } });
    expect(symbols.map((s) => s.name)).toEqual(["h1"]);
    expect(await client.request("textDocument/foldingRange", { textDocument: { uri: libUri } })).toHaveLength(5);
    expect(await client.request("textDocument/hover", { textDocument: { uri: mainUri }, position: { line: 3, character: 10 } })).toMatchObject({ contents: { value: "VM `h1.vm1` — declared at lib.sriov:8\n\nAnalytic load: no core of this VM works on packets." } });
    // Locations name the files as the editor does, so a jump lands in the editor already open.
    expect(await client.request("textDocument/definition", { textDocument: { uri: mainUri }, position: { line: 3, character: 10 } })).toEqual({ uri: libUri, range: { start: { line: 7, character: 5 }, end: { line: 7, character: 8 } } });
    expect(await client.request("textDocument/references", { textDocument: { uri: libUri }, position: { line: 7, character: 6 }, context: { includeDeclaration: true } })).toEqual([
      { uri: libUri, range: { start: { line: 7, character: 5 }, end: { line: 7, character: 8 } } },
      { uri: mainUri, range: { start: { line: 3, character: 10 }, end: { line: 3, character: 13 } } },
    ]);
    expect(await client.request("textDocument/formatting", { textDocument: { uri: mainUri }, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    // An edit of the import re-checks the open importer.
    await client.change(libUri, { start: { line: 8, character: 10 }, end: { line: 8, character: 14 } }, "eth9");
    expect((await client.diagnostics(mainUri, (d) => d.diagnostics.length === 0)).diagnostics).toEqual([]);
  });

  it("leaves an untitled buffer alone and keeps serving", async () => {
    const client = await start({});
    const uri = "untitled:Untitled-1";
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sriov", version: 1, text: "host h1 {\n" } });
    expect(await client.request("textDocument/hover", { textDocument: { uri }, position: { line: 0, character: 1 } })).toBeNull();
    expect(await client.request("textDocument/documentSymbol", { textDocument: { uri } })).toEqual([]);
    expect(client.logs).toEqual([]);
  });

  it("keeps positions right in a file that starts with a byte-order mark", async () => {
    const text = "\uFEFFhost h1 {\n  cores = 4GHz\n}\n";
    const client = await start({ "t.sriov": text });
    const uri = await client.open("t.sriov", text);
    const { diagnostics } = await client.diagnostics(uri);
    expect(diagnostics.map((d) => [d.code, d.range])).toEqual([["invalid-value", { start: { line: 1, character: 10 }, end: { line: 1, character: 14 } }]]);
    const symbols = await client.request<{ selectionRange: unknown }[]>("textDocument/documentSymbol", { textDocument: { uri } });
    expect(symbols[0]!.selectionRange).toEqual({ start: { line: 0, character: 6 }, end: { line: 0, character: 8 } });
  });

  it("suppresses a rule on the first line of a file that starts with a byte-order mark after the mark", async () => {
    const text = '\uFEFFhost h1 { nic n { model = "intel-x710" } }\n';
    const client = await start({ "t.sriov": text });
    const uri = await client.open("t.sriov", text);
    const { diagnostics } = await client.diagnostics(uri);
    const unused = diagnostics.find((d) => d.code === "unused-declaration")!;
    expect(unused.range).toEqual({ start: { line: 0, character: 15 }, end: { line: 0, character: 16 } });
    const actions = await client.request<{ title: string; edit: { changes: Record<string, unknown[]> } }[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: unused.range,
      context: { diagnostics: [unused] },
    });
    const suppress = actions.find((a) => a.title === "Suppress `unused-declaration` on this line")!;
    // Inserted after the mark, which stays the file's first character (and is not indentation to copy).
    expect(suppress.edit.changes[uri]).toEqual([{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, newText: "// sriovc-disable-next-line unused-declaration\n" }]);
    const version = await client.change(uri, { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, "// sriovc-disable-next-line unused-declaration\n");
    expect((await client.diagnostics(uri, (d) => d.version === version)).diagnostics).toEqual([]);
  });

  it("joins a suppression to a directive on the first line of a file that starts with a byte-order mark, after the mark's column", async () => {
    const text = '\uFEFF// sriovc-disable-next-line empty-host -- spare\nhost h1 { nic n { model = "intel-x710" } }\n';
    const client = await start({ "t.sriov": text });
    const uri = await client.open("t.sriov", text);
    const { diagnostics } = await client.diagnostics(uri);
    const unused = diagnostics.find((d) => d.code === "unused-declaration")!;
    expect(unused.range).toEqual({ start: { line: 1, character: 14 }, end: { line: 1, character: 15 } });
    const actions = await client.request<{ title: string; edit: { changes: Record<string, unknown[]> } }[]>("textDocument/codeAction", {
      textDocument: { uri },
      range: unused.range,
      context: { diagnostics: [unused] },
    });
    const suppress = actions.find((a) => a.title === "Suppress `unused-declaration` on this line")!;
    // Before ` -- spare`: at character 39 of the line as the editor holds it, the mark its character 0.
    expect(suppress.edit.changes[uri]).toEqual([{ range: { start: { line: 0, character: 39 }, end: { line: 0, character: 39 } }, newText: ", unused-declaration" }]);
    const version = await client.change(uri, { start: { line: 0, character: 39 }, end: { line: 0, character: 39 } }, ", unused-declaration");
    expect((await client.diagnostics(uri, (d) => d.version === version)).diagnostics.map((d) => d.code)).toEqual(["unused-suppression"]);
  });

  it("suppresses a rule with the line's indentation and line break in a file with lone CR line endings (classic Mac)", async () => {
    const text = 'host h1 {\r  nic n {\r    model = "intel-x710"\r  }\r  // sriovc-disable-next-line unused-declaration -- spare\r  nic m {\r    model = "intel-x710"\r    pf p {\r    }\r  }\r}\r';
    const client = await start({ "t.sriov": text });
    const uri = await client.open("t.sriov", text);
    const { diagnostics } = await client.diagnostics(uri);
    const unused = diagnostics.find((d) => d.code === "unused-declaration")!;
    expect(unused.range).toEqual({ start: { line: 1, character: 6 }, end: { line: 1, character: 7 } });
    const edits = async (diagnostic: typeof unused) => {
      const actions = await client.request<{ title: string; edit: { changes: Record<string, unknown[]> } }[]>("textDocument/codeAction", { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      return actions.find((a) => a.title === `Suppress \`${diagnostic.code}\` on this line`)!.edit.changes[uri];
    };
    expect(await edits(unused)).toEqual([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: "  // sriovc-disable-next-line unused-declaration\r" }]);
    // Below a directive already there (nic m, as the editor would send a finding there): the rule is joined to it, before its reason.
    expect(await edits({ ...unused, code: "unused-vf", data: { ...(unused.data as object), rule: "unused-vf" }, range: { start: { line: 5, character: 6 }, end: { line: 5, character: 7 } } })).toEqual([
      { range: { start: { line: 4, character: 48 }, end: { line: 4, character: 48 } }, newText: ", unused-vf" },
    ]);
    const version = await client.change(uri, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, "  // sriovc-disable-next-line unused-declaration\r");
    const after = await client.diagnostics(uri, (d) => d.version === version);
    expect(after.diagnostics).toEqual([]);
  });

  it("completes, helps with calls and folds comments in a file with lone CR line endings", async () => {
    const marked = 'host h1 {\r  // the rack\'s NIC,\r  // spare ports unused\r  nic n {\r    model = "intel-x710"\r    pf p0 {\r      vfs = 2\r    }\r  }\r  vm v {\r    iface e {\r      <|>\r      attach = vf(<|>)\r    }\r  }\r}\r';
    // Positions counted as LSP counts lines: a lone CR ends one.
    const parts = marked.split("<|>");
    const positions = parts.slice(0, -1).map((_, i) => {
      const lines = parts.slice(0, i + 1).join("").split(/\r\n|\r|\n/);
      return { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    });
    const text = parts.join("");
    const client = await start({ "t.sriov": text });
    const uri = await client.open("t.sriov", text);
    await client.diagnostics(uri);
    const keys = await client.request<{ label: string }[]>("textDocument/completion", { textDocument: { uri }, position: positions[0] });
    expect(keys.map((k) => k.label)).toEqual(expect.arrayContaining(["mac", "vlan", "requires"]));
    expect(keys.map((k) => k.label)).not.toContain("attach");
    const pfs = await client.request<{ label: string }[]>("textDocument/completion", { textDocument: { uri }, position: positions[1] });
    expect(pfs.map((k) => k.label)).toEqual(["n.p0"]);
    const help = await client.request<{ signatures: { label: string }[] } | null>("textDocument/signatureHelp", { textDocument: { uri }, position: positions[1] });
    expect(help?.signatures.map((s) => s.label)).toEqual(["vf(pf, index?)"]);
    const folds = await client.request<{ startLine: number; endLine: number; kind?: string }[]>("textDocument/foldingRange", { textDocument: { uri } });
    expect(folds.filter((f) => f.kind === "comment")).toEqual([{ startLine: 1, endLine: 2, kind: "comment" }]);
  });
});
