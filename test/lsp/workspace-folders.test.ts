/**
 * Multi-root workspaces, end to end over stdio: each workspace folder is a workspace of its own (display
 * paths, a relative `configPath`, the files whose imports follow a rename), a file belongs to the deepest
 * folder holding it, and folders added or removed later are followed.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { LspClient, workspace } from "./harness.js";

const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});

const MISSING = 'import "missing.sriov"\n';
const HELP = "\nhelp: import paths are relative to the importing file";

describe("workspace folders", () => {
  it("make each folder its own workspace, a file belonging to the deepest that holds it", async () => {
    const text = "host h1 {\n  nic n {\n  }\n}\n";
    const rules = (severity: string) => `{ "rules": { "unused-declaration": "${severity}" } }\n`;
    const files: Record<string, string> = {};
    for (const [folder, severity] of [["a", "info"], ["a/sub", "warning"], ["b", "error"]] as const) Object.assign(files, { [`${folder}/main.sriov`]: text, [`${folder}/imports.sriov`]: MISSING, [`${folder}/rules.json`]: rules(severity) });
    const client = new LspClient(workspace(files));
    clients.push(client);
    await client.initialize({ configPath: "rules.json" }, {}, ["a", "b", "a/sub"]);
    const found = async (file: string) => {
      const uri = await client.open(file, files[file]!);
      return (await client.diagnostics(uri)).diagnostics.map((d) => [d.code, d.severity, d.message.split("\n")[0]]);
    };
    // As `sriovc check --config rules.json FILE` run in each folder prints it, with that folder's rules.json.
    const unused = "nic n is declared, but none of its PFs is used";
    const missing = "cannot import 'missing.sriov': no such file (missing.sriov)";
    expect(await found("a/main.sriov")).toEqual([["unused-declaration", 3, unused]]);
    expect(await found("a/sub/main.sriov")).toEqual([["unused-declaration", 2, unused]]);
    expect(await found("b/main.sriov")).toEqual([["unused-declaration", 1, unused]]);
    for (const folder of ["a", "a/sub", "b"]) expect(await found(`${folder}/imports.sriov`)).toEqual([["import-not-found", 1, missing]]);
    expect(client.logs).toEqual([]);
  });

  it("rewrites the imports of every folder's files for a rename, not the first folder's only", async () => {
    const lib = 'host h1 {\n  cores = 4\n}\n';
    const root = workspace({ "a/main.sriov": 'host h0 {\n  cores = 2\n}\n', "b/lib.sriov": lib, "b/user.sriov": 'import "lib.sriov"\n' });
    const client = new LspClient(root);
    clients.push(client);
    await client.initialize({}, {}, ["a", "b"]);
    const edit = await client.request<{ changes: Record<string, { newText: string }[]> } | null>("workspace/willRenameFiles", { files: [{ oldUri: client.uri("b/lib.sriov"), newUri: client.uri("b/base.sriov") }] });
    expect(edit).toEqual({ changes: { [pathToFileURL(path.join(root, "b/user.sriov")).href]: [{ range: { start: { line: 0, character: 7 }, end: { line: 0, character: 18 } }, newText: '"base.sriov"' }] } });
  });

  it("show a file in no folder, and every file of its program, by the absolute path, not relative to the first folder", async () => {
    // The .git makes the tree one project, so that the import of a file in folder a is looked for.
    const root = workspace({ ".git/HEAD": "", "a/main.sriov": MISSING, "c/main.sriov": 'import "../a/missing.sriov"\n' });
    const client = new LspClient(root);
    clients.push(client);
    await client.initialize({}, {}, ["a"]);
    const uri = await client.open("c/main.sriov", 'import "../a/missing.sriov"\n');
    // Relative to folder a, it was "(missing.sriov)": a file beside c/main.sriov, which is not the one looked for.
    const whole = path.join(root, "a", "missing.sriov").split(path.sep).join("/");
    expect((await client.diagnostics(uri)).diagnostics.map((d) => d.message)).toEqual([`cannot import '../a/missing.sriov': no such file (${whole})${HELP}`]);
  });

  it("take a file whose name starts with `..` for one inside its folder", async () => {
    const root = workspace({ "a/sub/..x.sriov": MISSING });
    const client = new LspClient(root);
    clients.push(client);
    await client.initialize({}, {}, ["a", "a/sub"]);
    const uri = await client.open("a/sub/..x.sriov", MISSING);
    // Taken for outside a/sub, it was a's: "(sub/missing.sriov)".
    expect((await client.diagnostics(uri)).diagnostics.map((d) => d.message)).toEqual([`cannot import 'missing.sriov': no such file (missing.sriov)${HELP}`]);
  });

  it("follow folders added and removed (workspace/didChangeWorkspaceFolders), in a client that tells", async () => {
    const root = workspace({ "a/main.sriov": MISSING, "c/main.sriov": MISSING });
    const client = new LspClient(root);
    clients.push(client);
    const { capabilities } = await client.initialize({}, { workspaceFolders: true }, ["a"]);
    expect(capabilities["workspace"]).toMatchObject({ workspaceFolders: { supported: true, changeNotifications: true } });
    const uri = await client.open("c/main.sriov", MISSING);
    // Outside every folder: shown from the first one's, with its full path.
    const outside = path.join(root, "c", "missing.sriov");
    expect((await client.diagnostics(uri)).diagnostics.map((d) => d.message)).toEqual([`cannot import 'missing.sriov': no such file (${outside.split(path.sep).join("/")})${HELP}`]);
    await client.connection.sendNotification("workspace/didChangeWorkspaceFolders", { event: { added: [{ uri: client.uri("c"), name: "c" }], removed: [{ uri: client.uri("a"), name: "a" }] } });
    const inside = await client.diagnostics(uri, (d) => d.diagnostics.some((x) => x.message.includes("(missing.sriov)")));
    expect(inside.diagnostics.map((d) => d.message)).toEqual([`cannot import 'missing.sriov': no such file (missing.sriov)${HELP}`]);
  });
});
