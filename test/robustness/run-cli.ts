import { spawnSync } from "node:child_process";
import { BIN, REPO } from "../helpers/cli.js";

export interface Run {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI with a time limit: a hang ends as a killed process (signal set), not a stuck suite. */
export function runCli(args: string[], options: { cwd?: string; timeoutMs?: number } = {}): Run {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    encoding: "utf8",
    input: "",
    timeout: options.timeoutMs ?? 60_000,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
