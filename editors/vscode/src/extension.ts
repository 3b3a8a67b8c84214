/**
 * The VS Code side of the sriov extension: starts the sriovc language server bundled in this extension
 * (dist/server/server.js, built from src/lsp by scripts/package-vscode.mjs) over stdio with VS Code's own
 * Node, so nothing needs to be installed globally, and passes the `sriov.*` settings to it.
 */
import * as path from "node:path";
import { commands, workspace, type ExtensionContext } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join("dist", "server", "server.js"));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: ["--nolazy", "--inspect=6009"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "sriov" }],
    synchronize: {
      configurationSection: "sriov",
      fileEvents: [workspace.createFileSystemWatcher("**/sriovc.json"), workspace.createFileSystemWatcher("**/*.sriov")],
    },
    initializationOptions: settings(),
  };
  client = new LanguageClient("sriov", "SR-IOV topologies", serverOptions, clientOptions);
  context.subscriptions.push(
    { dispose: () => void client?.stop() },
    // A server that stopped answering, or one to see again after a change of sriovc.json it did not pick up.
    commands.registerCommand("sriov.restartServer", () => client?.restart()),
    commands.registerCommand("sriov.showOutput", () => client?.outputChannel.show(true)),
  );
  // The palette lists the two commands only once the extension runs (manifest: `when: sriov.active`).
  await commands.executeCommand("setContext", "sriov.active", true);
  await client.start();
}

/** The settings the server reads at start (it is told of later changes through workspace/didChangeConfiguration). */
function settings(): { inlayHints: boolean; configPath: string } {
  const config = workspace.getConfiguration("sriov");
  return { inlayHints: config.get<boolean>("inlayHints.enabled", true), configPath: config.get<string>("configPath", "") };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
