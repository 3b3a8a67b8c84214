/**
 * Drives `node dist/cli/bin.js lsp --stdio` over its stdio with a vscode-jsonrpc client, as an editor
 * would. Cursor positions are marked in test text with `<|>` instead of counted.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const BIN = path.join(ROOT, "dist/cli/bin.js");

export interface Position {
  line: number;
  character: number;
}

/** Removes the `<|>` markers of a text and returns their positions (line and UTF-16 character). */
export function cursors(marked: string): { text: string; positions: Position[] } {
  const positions: Position[] = [];
  let text = "";
  let rest = marked;
  for (let at = rest.indexOf("<|>"); at !== -1; at = rest.indexOf("<|>")) {
    text += rest.slice(0, at);
    rest = rest.slice(at + 3);
    const lines = text.split("\n");
    positions.push({ line: lines.length - 1, character: lines[lines.length - 1]!.length });
  }
  return { text: text + rest, positions };
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: {
    range: { start: Position; end: Position };
    severity: number;
    code: string;
    codeDescription?: { href: string };
    message: string;
    tags?: number[];
    relatedInformation?: { location: { uri: string; range: { start: Position; end: Position } }; message: string }[];
    data?: unknown;
  }[];
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  readonly logs: string[] = [];
  private readonly published = new Map<string, PublishedDiagnostics>();
  /** Every publishDiagnostics received, in order. */
  readonly history: PublishedDiagnostics[] = [];
  private readonly waiters: { uri: string; predicate: (d: PublishedDiagnostics) => boolean; resolve: (d: PublishedDiagnostics) => void }[] = [];
  private versions = new Map<string, number>();
  /** How many times the server asked the editor to request its inlay hints again. */
  inlayHintRefreshes = 0;
  /** How many times the server asked the editor to request its semantic tokens again. */
  semanticTokenRefreshes = 0;
  /** The methods the server registered for (client/registerCapability). */
  readonly registered: string[] = [];

  constructor(
    readonly root: string,
    env: NodeJS.ProcessEnv = {},
  ) {
    this.process = spawn(process.execPath, [BIN, "lsp", "--stdio"], { cwd: root, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    this.process.stderr!.on("data", (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishedDiagnostics) => {
      this.published.set(params.uri, params);
      this.history.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && waiter.predicate(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification("window/logMessage", (params: { message: string }) => void this.logs.push(params.message));
    this.connection.onNotification("window/showMessage", (params: { message: string }) => void this.logs.push(params.message));
    this.connection.onRequest("window/showMessageRequest", () => null);
    this.connection.onRequest("client/registerCapability", (params: { registrations: { method: string }[] }) => void this.registered.push(...params.registrations.map((r) => r.method)));
    this.connection.onRequest("workspace/inlayHint/refresh", () => void this.inlayHintRefreshes++);
    this.connection.onRequest("workspace/semanticTokens/refresh", () => void this.semanticTokenRefreshes++);
    this.connection.listen();
  }

  /** `workspace` is the client's workspace capabilities (none by default); `folders`, the workspace folders below the root (the root itself by default). */
  async initialize(initializationOptions: unknown = {}, workspace: Record<string, unknown> = {}, folders: readonly string[] = ["."]): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(path.join(this.root, folders[0] ?? ".")).href,
      workspaceFolders: folders.map((folder) => ({ uri: pathToFileURL(path.join(this.root, folder)).href, name: folder })),
      capabilities: { workspace, textDocument: { publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true } } },
      initializationOptions,
    });
    await this.connection.sendNotification("initialized", {});
    return result;
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.root, file)).href;
  }

  async open(file: string, text: string): Promise<string> {
    const uri = this.uri(file);
    this.versions.set(uri, 1);
    this.published.delete(uri);
    await this.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "sriov", version: 1, text } });
    return uri;
  }

  /** One incremental change: replace `range` with `text`. */
  async change(uri: string, range: { start: Position; end: Position }, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return version;
  }

  /** The next diagnostics published for a file that satisfy a predicate (by default: any, for the latest version sent). */
  diagnostics(uri: string, predicate?: (d: PublishedDiagnostics) => boolean): Promise<PublishedDiagnostics> {
    const wanted = predicate ?? ((d: PublishedDiagnostics) => d.version === undefined || d.version === (this.versions.get(uri) ?? d.version));
    const known = this.published.get(uri);
    if (known !== undefined && wanted(known)) return Promise.resolve(known);
    return new Promise((resolve) => this.waiters.push({ uri, predicate: wanted, resolve }));
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const code = await new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.on("exit", (c) => resolve(c));
    });
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.process.kill();
  }
}

/** A fresh directory holding the given files. */
export function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), "sriovc-lsp-"));
  for (const [name, text] of Object.entries(files)) {
    // Folders made as needed (`lib/base.sriov`).
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}
