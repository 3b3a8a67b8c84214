/**
 * Workspace symbols (`workspace/symbol`) over stdio: the declarations of every `.sriov` file below the
 * workspace folders, open or not, as `sriovc check DIR` finds the files; an open file's unsaved text wins.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { workspaceSymbols } from "../../src/lsp/navigation.js";
import { Project } from "../../src/lsp/project.js";
import { WorkspaceSourceList } from "../../src/lsp/workspace-files.js";
import { LspClient, workspace } from "./harness.js";

const clients: LspClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.kill();
});

interface Found {
  name: string;
  kind: number;
  location: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  containerName?: string;
}

describe("workspace symbols", () => {
  it("cover every .sriov file below the folders, not only the open ones, and an open file's unsaved text", async () => {
    const root = workspace({
      "open.sriov": "host on_disk {\n  cores = 2\n}\n",
      "lib/closed.sriov": 'import "base.sriov"\nhost closed {\n  nic n1 {\n  }\n}\n',
      "lib/base.sriov": "host base {\n  cores = 2\n}\n",
      "node_modules/pkg/dep.sriov": "host in_node_modules {\n  cores = 2\n}\n",
      ".cache/hidden.sriov": "host in_dot_folder {\n  cores = 2\n}\n",
    });
    const client = new LspClient(root);
    clients.push(client);
    await client.initialize();
    const uri = await client.open("open.sriov", "host edited {\n  cores = 2\n}\n");
    await client.diagnostics(uri);
    const found = await client.request<Found[]>("workspace/symbol", { query: "" });
    const at = (file: string, line: number, character: number, length: number) => ({
      uri: pathToFileURL(path.join(root, file)).href,
      range: { start: { line, character }, end: { line, character: character + length } },
    });
    expect(found).toEqual([
      { name: "edited", kind: 2, location: at("open.sriov", 0, 5, 6) },
      { name: "base", kind: 2, location: at("lib/base.sriov", 0, 5, 4) },
      { name: "closed", kind: 2, location: at("lib/closed.sriov", 1, 5, 6) },
      { name: "closed.n1", kind: 5, location: at("lib/closed.sriov", 2, 6, 2), containerName: "closed" },
    ]);
  });

  it("load no file more once so many bytes of the workspace's files are loaded, imports included", () => {
    // 30 bytes each; b imports c, which counts as loaded with it.
    const root = workspace({ "a.sriov": "host a {\n  cores = 2\n}\n//////\n", "b.sriov": 'import "c.sriov"\nhost b {\n}\n//', "c.sriov": "host c {\n  cores = 2\n}\n//////\n", "d.sriov": "host d {\n  cores = 2\n}\n//////\n" });
    const project = new Project({ folderOf: () => root, settingsFor: () => ({}) });
    const files = ["a.sriov", "b.sriov", "c.sriov", "d.sriov"].map((name) => path.join(root, name));
    const names = (bytes: number) => workspaceSymbols(project, "", files, bytes).map((s) => s.name);
    expect(names(1000)).toEqual(["a", "b", "c", "d"]);
    // a (30 bytes) leaves 30: b and the c it imports are loaded, then the budget is spent.
    expect(names(60)).toEqual(["a", "b", "c"]);
    expect(names(30)).toEqual(["a"]);
    expect(names(0)).toEqual([]);
  });

  it("walk no folder when the editor names none (a file opened on its own): the server's own directory is no workspace", async () => {
    const root = workspace({ "open.sriov": "host opened {\n  cores = 2\n}\n", "elsewhere/other.sriov": "host not_walked {\n  cores = 2\n}\n" });
    const client = new LspClient(root);
    clients.push(client);
    await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
    await client.connection.sendNotification("initialized", {});
    const uri = await client.open("open.sriov", "host opened {\n  cores = 2\n}\n");
    await client.diagnostics(uri);
    const found = await client.request<Found[]>("workspace/symbol", { query: "" });
    expect(found.map((symbol) => symbol.name)).toEqual(["opened"]);
  });

  it("walk the folders once while the editor watches files, and again after it reports a file created or deleted", async () => {
    const root = workspace({ "a.sriov": "host a {\n  cores = 2\n}\n", "old/c.sriov": "host c {\n  cores = 2\n}\n" });
    const client = new LspClient(root);
    clients.push(client);
    await client.initialize({}, { didChangeWatchedFiles: { dynamicRegistration: true } });
    const names = async () => (await client.request<Found[]>("workspace/symbol", { query: "" })).map((symbol) => symbol.name).sort();
    expect(await names()).toEqual(["a", "c"]);
    // Written on disk, not reported: the kept list does not have it.
    writeFileSync(path.join(root, "b.sriov"), "host b {\n  cores = 2\n}\n");
    expect(await names()).toEqual(["a", "c"]);
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: pathToFileURL(path.join(root, "b.sriov")).href, type: 1 }] });
    expect(await names()).toEqual(["a", "b", "c"]);
    // A folder deleted outside the editor, reported as nothing a `*.sriov` watcher passes on: its file goes.
    rmSync(path.join(root, "old"), { recursive: true });
    expect(await names()).toEqual(["a", "b"]);
    // A folder created in the editor (its file operation): walked again.
    mkdirSync(path.join(root, "new"));
    writeFileSync(path.join(root, "new/d.sriov"), "host d {\n  cores = 2\n}\n");
    expect(await names()).toEqual(["a", "b"]);
    await client.connection.sendNotification("workspace/didCreateFiles", { files: [{ uri: pathToFileURL(path.join(root, "new")).href }] });
    expect(await names()).toEqual(["a", "b", "d"]);
  });

  it("walk the folders at every request of an editor that lets the server watch no file", async () => {
    const root = workspace({ "a.sriov": "host a {\n  cores = 2\n}\n" });
    const client = new LspClient(root);
    clients.push(client);
    await client.initialize();
    const names = async () => (await client.request<Found[]>("workspace/symbol", { query: "" })).map((symbol) => symbol.name).sort();
    expect(await names()).toEqual(["a"]);
    writeFileSync(path.join(root, "b.sriov"), "host b {\n  cores = 2\n}\n");
    expect(await names()).toEqual(["a", "b"]);
  });
});

describe("the kept list of workspace files", () => {
  it("is walked again when the folders or the limit differ, or after invalidate, and never kept unwatched", () => {
    const walks: string[] = [];
    const list = new WorkspaceSourceList((folders, limit) => {
      walks.push(`${folders.join(",")}:${limit}`);
      return [];
    });
    list.files(["/a"], 10, true);
    list.files(["/a"], 10, true);
    list.files(["/a", "/b"], 10, true);
    list.files(["/a", "/b"], 5, true);
    list.invalidate();
    list.files(["/a", "/b"], 5, true);
    list.files(["/a"], 10, false);
    list.files(["/a"], 10, false);
    expect(walks).toEqual(["/a:10", "/a,/b:10", "/a,/b:5", "/a,/b:5", "/a:10", "/a:10"]);
  });
});
