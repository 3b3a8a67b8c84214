/** The bundled server's entry point (the VS Code extension starts this file with its own Node). */
import { runStdioServer } from "./server.js";

runStdioServer();
