/**
 * `sriovc lsp`: the language server. Holds the open documents (incremental sync), checks each open file as
 * `sriovc check FILE` would (debounced, importers refreshed), and answers the editor's requests from the
 * latest analysis — from the recovered tree when a file has syntax errors. Every request runs guarded: a
 * request with malformed parameters is answered as invalid, a crash is logged and answered with an error,
 * never kills the server; cancellation is honoured.
 */
import * as path from "node:path";
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  FileOperationPatternKind,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type MessageReader,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { DEFAULT_CONFIG, findConfigFile, loadConfig, type SriovcConfig } from "../cli/config.js";
import type { Settings } from "../driver/program.js";
import { codeActions, FIX_ALL_KIND } from "./code-actions.js";
import { importEditsForRenames, workspaceSources } from "./file-renames.js";
import { completion } from "./completion.js";
import { expandLocations } from "../diagnostics/group.js";
import { toLspDiagnostic } from "./diagnostics.js";
import { foldingRanges } from "./folding.js";
import { formatDocument, formatRange } from "./formatting.js";
import { selectionRanges } from "./selection-ranges.js";
import { documentLinks } from "./document-links.js";
import { WorkspaceSourceList } from "./workspace-files.js";
import { hover } from "./hover.js";
import { inlayHints } from "./inlay-hints.js";
import { definition, documentHighlights, documentSymbols, MAX_WORKSPACE_SYMBOL_FILES, prepareRename, references, rename, workspaceSymbols } from "./navigation.js";
import { lifecycleGate } from "./lifecycle.js";
import { paramsProblem } from "./params.js";
import { Project, type Analysis } from "./project.js";
import { SEMANTIC_TOKEN_LEGEND, semanticTokens, semanticTokensInRange } from "./semantic-tokens.js";
import { signatureHelp } from "./signature-help.js";
import { FileContext } from "./context.js";
import { filePath } from "./files.js";
import { WorkspaceFolders } from "./folders.js";

/**
 * Changes that come faster than this apart are a burst (typing): the check waits until the burst pauses
 * this long. A change after a quiet spell is checked at once (leading edge), so a single edit pays no wait.
 */
export const DIAGNOSTICS_DEBOUNCE_MS = 20;

export interface ServerSettings {
  /** Inlay hints (VF index, cycles per packet); on unless the client turns them off. */
  readonly inlayHints: boolean;
  /** A `sriovc.json` to use instead of the nearest one (absolute, or relative to the workspace folder). */
  readonly configPath: string;
}

const DEFAULT_SETTINGS: ServerSettings = { inlayHints: true, configPath: "" };

function readSettings(value: unknown, fallback: ServerSettings): ServerSettings {
  if (typeof value !== "object" || value === null) return fallback;
  const object = value as Record<string, unknown>;
  const nested = typeof object["inlayHints"] === "object" && object["inlayHints"] !== null ? (object["inlayHints"] as Record<string, unknown>)["enabled"] : object["inlayHints"];
  return {
    inlayHints: typeof nested === "boolean" ? nested : fallback.inlayHints,
    configPath: typeof object["configPath"] === "string" ? object["configPath"] : fallback.configPath,
  };
}

/**
 * Only files on disk are checked (their imports are relative to them); an unsaved, untitled buffer gets
 * nothing until it is saved.
 */
function isFile(uri: string): boolean {
  return uri.startsWith("file:");
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const folders = new WorkspaceFolders(process.cwd());
  const workspaceFiles = new WorkspaceSourceList();
  let settings = DEFAULT_SETTINGS;
  const configs = new Map<string, SriovcConfig>();
  const reportedConfigErrors = new Set<string>();

  /** The rules and cost profile of the sriovc.json that applies to a file: the setting's, else the nearest above the file. */
  const settingsFor = (absolutePath: string): Settings => {
    const cwd = folders.folderOf(absolutePath);
    const file = settings.configPath !== "" ? path.resolve(cwd, settings.configPath) : findConfigFile(path.dirname(absolutePath));
    if (file === undefined) return { rules: DEFAULT_CONFIG.rules };
    let config = configs.get(file);
    if (config === undefined) {
      try {
        config = loadConfig({ configPath: file, cwd });
      } catch (error) {
        // The CLI exits 2 on a broken sriovc.json; an editor keeps checking with the defaults and says why once.
        const message = error instanceof Error ? error.message : String(error);
        if (!reportedConfigErrors.has(message)) {
          reportedConfigErrors.add(message);
          void connection.window.showErrorMessage(`sriovc: ${message} (checking with the default rule settings)`);
        }
        config = DEFAULT_CONFIG;
      }
      configs.set(file, config);
    }
    return config.profile === undefined ? { rules: config.rules } : { rules: config.rules, profile: config.profile };
  };
  const project = new Project({ folderOf: (file) => folders.holderOf(file), settingsFor });

  const contextOf = (uri: string): FileContext | undefined => {
    const document = documents.get(uri);
    if (document === undefined || !isFile(uri)) return undefined;
    const file = filePath(uri);
    return new FileContext(document, file, project.analyze(file), project);
  };

  // ---------------------------------------------------------------------------------------------------
  // Diagnostics

  const timers = new Map<string, NodeJS.Timeout>();
  /** Whether the client takes `workspace/inlayHint/refresh` (it may be sent to no other). */
  let canRefreshInlayHints = false;
  /** Whether the client takes a registration of file watchers (else it watches what it watches, if anything). */
  let canWatchFiles = false;
  /** Whether the client tells of workspace folders added and removed (`workspace/didChangeWorkspaceFolders`). */
  let canChangeFolders = false;
  const refreshInlayHints = (): void => {
    if (canRefreshInlayHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
  };
  /** Whether the client takes `workspace/semanticTokens/refresh`. */
  let canRefreshSemanticTokens = false;
  const refreshSemanticTokens = (): void => {
    if (canRefreshSemanticTokens) void connection.languages.semanticTokens.refresh().catch(() => undefined);
  };
  /**
   * Whether a program includes open files besides its root: they may take their costs from it (`widest`),
   * and an editor asks for a file's hints again only when that file changes, or when told to.
   */
  const includesOtherOpenFiles = (analysis: Analysis): boolean => [...analysis.byAbsolutePath.keys()].some((file) => file !== analysis.root && project.openUri(file) !== undefined);
  const publish = (uri: string): void => {
    const context = contextOf(uri);
    if (context === undefined) return;
    // One per finding, as `check --format json` lists them: each interface of a grouped finding is underlined.
    // A suppression comment silences a finding only above the line it is reported at (the first location of
    // one reported at several): the others offer no suppression, which would silence nothing.
    const own = context.analysis.diagnostics.flatMap((finding) =>
      expandLocations([finding])
        .filter((d) => d.span.file === context.displayPath)
        .map((d) => toLspDiagnostic(d, context.frame, context, { suppressible: d.span.file === finding.span.file && d.span.line === finding.span.line })),
    );
    void connection.sendDiagnostics({ uri, version: context.document.version, diagnostics: own });
    if (includesOtherOpenFiles(context.analysis)) refreshInlayHints();
  };
  const schedule = (uri: string, delay = DIAGNOSTICS_DEBOUNCE_MS): void => {
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        guardNotification("diagnostics", () => publish(uri));
      }, delay),
    );
  };
  /** The file itself and every open file whose program includes it. */
  const lastChange = new Map<string, number>();
  /** `file`: the file `uri` names (`filePath`). */
  const scheduleWithImporters = (uri: string, file: string): void => {
    const now = performance.now();
    const burst = timers.has(uri) || now - (lastChange.get(uri) ?? -Infinity) < DIAGNOSTICS_DEBOUNCE_MS;
    lastChange.set(uri, now);
    schedule(uri, burst ? DIAGNOSTICS_DEBOUNCE_MS : 0);
    scheduleImporters(project.rootsIncluding(file), uri);
  };
  /** Checks again the open ones of `roots` (the programs that include the file `uri` names) but that file. */
  const scheduleImporters = (roots: readonly string[], uri: string): void => {
    let importers = 0;
    for (const root of roots) {
      const other = project.openUri(root);
      if (other !== undefined && other !== uri) {
        schedule(other);
        importers++;
      }
    }
    // What the importers' names name may have changed with the file; an editor asks for a file's tokens
    // again only when that file changes, or when told to (they are computed from the texts of the moment).
    if (importers > 0) refreshSemanticTokens();
  };
  const recheckAll = (): void => {
    configs.clear();
    reportedConfigErrors.clear();
    project.invalidate();
    for (const document of documents.all()) schedule(document.uri, 0);
    // Any open file's names and costs may read what changed.
    refreshInlayHints();
    refreshSemanticTokens();
  };

  const guardNotification = (name: string, run: () => void): void => {
    try {
      run();
    } catch (error) {
      connection.console.error(`sriovc: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  };

  documents.onDidOpen((event) => {
    if (!isFile(event.document.uri)) return;
    const file = filePath(event.document.uri);
    project.setOverlay(file, event.document.getText(), event.document.uri);
    scheduleWithImporters(event.document.uri, file);
  });
  documents.onDidChangeContent((event) => {
    if (!isFile(event.document.uri)) return;
    const file = filePath(event.document.uri);
    project.setOverlay(file, event.document.getText(), event.document.uri);
    scheduleWithImporters(event.document.uri, file);
  });
  documents.onDidClose((event) => {
    if (!isFile(event.document.uri)) return;
    const file = filePath(event.document.uri);
    const importers = project.rootsIncluding(file);
    const own = [...project.cachedAnalyses()].find((analysis) => analysis.root === file);
    project.dropOverlay(file);
    // The open files it imported took their costs from its program, maybe: they have others now.
    if (own !== undefined && includesOtherOpenFiles(own)) refreshInlayHints();
    clearTimeout(timers.get(event.document.uri));
    void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
    // Importers now read the file from disk again (dropOverlay forgot their analyses, and only theirs).
    scheduleImporters(importers, event.document.uri);
  });
  connection.onDidChangeWatchedFiles((params) => {
    if (params.changes.some((change) => change.type !== FileChangeType.Changed)) workspaceFiles.invalidate();
    recheckAll();
  });
  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as Record<string, unknown> | null)?.["sriov"] ?? change.settings;
    settings = readSettings(section, settings);
    recheckAll();
  });

  // ---------------------------------------------------------------------------------------------------
  // Requests

  /**
   * Runs a request's handler after yielding once (so a `$/cancelRequest` sent right after it is seen), and
   * turns a crash into an error response with the failure logged.
   */
  const guard =
    <P extends { textDocument: { uri: string } }, R>(name: string, handler: (context: FileContext, params: P) => R | Promise<R>, empty: R) =>
    async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (process.env["SRIOVC_LSP_HOLD"] === name) {
        // Tests cancel a request while it is being served, however loaded the machine: it is held here, and
        // says so, until the cancellation arrives.
        connection.console.log(`sriovc: ${name} held until it is cancelled (SRIOVC_LSP_HOLD)`);
        await new Promise<void>((resolve) => token.onCancellationRequested(() => resolve()));
      }
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
      const problem = paramsProblem(name, params);
      if (problem !== undefined) return new ResponseError(ErrorCodes.InvalidParams, `sriovc: ${name}: ${problem}`);
      try {
        if (process.env["SRIOVC_LSP_FAULT"] === name) throw new Error(`fault injected into ${name} (SRIOVC_LSP_FAULT)`);
        const context = contextOf(params.textDocument.uri);
        if (context === undefined) return empty;
        const result = await handler(context, params);
        if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${name} cancelled`);
        return result;
      } catch (error) {
        // A ResponseError is the handler's answer (a rename refused, with its reason for the user), not a
        // crash: the user sees it, and the log keeps only what went wrong.
        if (error instanceof ResponseError) return error as ResponseError<void>;
        connection.console.error(`sriovc: ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return new ResponseError(ErrorCodes.InternalError, `sriovc: ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const given = params.workspaceFolders?.length ? params.workspaceFolders.map((folder) => folder.uri) : params.rootUri ? [params.rootUri] : [];
    folders.set(given.filter(isFile).map(filePath));
    canChangeFolders = params.capabilities.workspace?.workspaceFolders === true;
    settings = readSettings(params.initializationOptions, settings);
    canRefreshInlayHints = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRefreshSemanticTokens = params.capabilities.workspace?.semanticTokens?.refreshSupport === true;
    project.invalidate();
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["(", ".", "=", "[", ",", '"', "/"] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        selectionRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentHighlightProvider: true,
        signatureHelpProvider: { triggerCharacters: ["(", ","], retriggerCharacters: [","] },
        inlayHintProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKEN_LEGEND, full: true, range: true },
        workspace: {
          // Folders added and removed are followed, in a client that tells (its own registration: none needed).
          ...(canChangeFolders ? { workspaceFolders: { supported: true, changeNotifications: true } } : {}),
          // Imports follow a `.sriov` file, or a folder, renamed in the editor.
          fileOperations: {
            willRename: { filters: [{ pattern: { glob: "**/*.sriov", matches: FileOperationPatternKind.file } }, { pattern: { glob: "**/*", matches: FileOperationPatternKind.folder } }] },
            // A folder created (pasted) in the editor: workspace symbols walk the folders again.
            didCreate: { filters: [{ pattern: { glob: "**/*", matches: FileOperationPatternKind.folder } }] },
          },
        },
      },
      serverInfo: { name: "sriovc" },
    };
  });
  connection.onInitialized(() => {
    if (canChangeFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const real = (list: readonly { uri: string }[]): string[] => list.map((folder) => folder.uri).filter(isFile).map(filePath);
        folders.change(real(event.added), real(event.removed));
        workspaceFiles.invalidate();
        // Display paths and the `sriovc.json` of a relative `configPath` may have changed for any open file.
        recheckAll();
      });
    }
    if (!canWatchFiles) return;
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/sriovc.json" }, { globPattern: "**/*.sriov" }] }).catch(() => undefined);
  });

  connection.onHover(guard("hover", hover, null));
  connection.onCompletion(guard("completion", completion, []));
  connection.onDefinition(guard("definition", definition, null));
  connection.onReferences(guard("references", references, []));
  connection.onDocumentHighlight(guard("documentHighlight", documentHighlights, []));
  connection.onSignatureHelp(guard("signatureHelp", signatureHelp, null));
  connection.onPrepareRename(guard("prepareRename", prepareRename, null));
  connection.onRenameRequest(guard("rename", rename, null));
  connection.onDocumentSymbol(guard("documentSymbol", documentSymbols, []));
  connection.onWorkspaceSymbol(async (params, token) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, "workspaceSymbol cancelled");
    try {
      for (const document of documents.all()) if (isFile(document.uri)) project.analyze(filePath(document.uri));
      return workspaceSymbols(project, params.query, workspaceFiles.files(folders.outermost(), MAX_WORKSPACE_SYMBOL_FILES, canWatchFiles));
    } catch (error) {
      connection.console.error(`sriovc: workspaceSymbol failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return new ResponseError(ErrorCodes.InternalError, `sriovc: workspaceSymbol failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  connection.workspace.onDidCreateFiles(() => workspaceFiles.invalidate());
  connection.workspace.onWillRenameFiles((params) => {
    // A renamed folder's files come as no watcher event of their own.
    workspaceFiles.invalidate();
    try {
      const renames = params.files.filter((f) => isFile(f.oldUri) && isFile(f.newUri)).map((f) => ({ from: filePath(f.oldUri), to: filePath(f.newUri) }));
      if (renames.length === 0) return null;
      const open = new Map([...project.openFiles()].map((file) => [file, project.overlayText(file)!]));
      return importEditsForRenames(renames, workspaceSources(folders.outermost(), open), (file) => project.uriOf(file));
    } catch (error) {
      // The rename goes ahead without the import edits; the failure is logged.
      connection.console.error(`sriovc: willRenameFiles failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return null;
    }
  });
  connection.onFoldingRanges(guard("foldingRange", foldingRanges, []));
  connection.onDocumentFormatting(guard("formatting", formatDocument, []));
  connection.onDocumentRangeFormatting(guard("rangeFormatting", formatRange, []));
  connection.onSelectionRanges(guard("selectionRange", selectionRanges, []));
  connection.onDocumentLinks(guard("documentLink", documentLinks, []));
  connection.onCodeAction(guard("codeAction", codeActions, []));
  connection.languages.inlayHint.on(guard("inlayHint", (context, params) => (settings.inlayHints ? inlayHints(context, params) : []), []));
  connection.languages.semanticTokens.on(guard("semanticTokens", semanticTokens, { data: [] }));
  connection.languages.semanticTokens.onRange(guard("semanticTokensRange", semanticTokensInRange, { data: [] }));

  // Not part of LSP: what the bench and the tests read to see that an unchanged import is not parsed again
  // and how much memory the open files take.
  connection.onRequest("sriovc/stats", () => {
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    return { parseCount: project.parseCount, openFiles: documents.all().length, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, cpuMs: (cpu.user + cpu.system) / 1000 };
  });

  documents.listen(connection);
  connection.listen();
}

/** Entry point of `sriovc lsp` and of the VS Code extension's bundled server: stdio (`--stdio` is accepted). */
export function runStdioServer(): void {
  // The writer is the connection's own, which the lifecycle gate answers refused requests through. stdin is
  // given as the stream itself, not a reader, because then the library exits when it closes (the editor
  // went away); it takes a stream in place of either at run time, though its types pair stream with stream.
  const writer = new StreamMessageWriter(process.stdout);
  startServer(createConnection(ProposedFeatures.all, process.stdin as unknown as MessageReader, writer, { messageStrategy: lifecycleGate(writer) }));
}
