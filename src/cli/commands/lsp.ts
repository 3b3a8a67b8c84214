/** `sriovc lsp [--stdio]`: the language server over standard input and output (docs/EDITORS.md). */
import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("lsp")
    .description("run the language server over standard input and output (for editors; see docs/EDITORS.md)")
    .option("--stdio", "use standard input and output (the default and only transport)")
    .action(async () => {
      // Loaded on demand: the other commands should not pay for the server's modules at start.
      const { runStdioServer } = await import("../../lsp/server.js");
      runStdioServer();
      // The server ends the process on `exit`; until then the command does not return.
      await new Promise<never>(() => undefined);
    });
}
