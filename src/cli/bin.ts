#!/usr/bin/env node
import { main } from "./main.js";
import { reasonOf } from "./write-file.js";

/** Set when standard output or error could not be written: the run is a usage error (exit 2), whatever it found. */
let outputFailed = false;

// `sriovc check | head` closes the pipe early: drop the rest of the output quietly and still finish, so the
// exit code says what the run found (an unhandled EPIPE would print a stack trace instead). Any other
// failure (a full disk under `> report.sarif`: ENOSPC) loses output the caller asked for: it says why and
// exits 2, never 0 or 1 as if the report were whole, and never with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    stream.write = (() => true) as typeof stream.write;
    if (error.code === "EPIPE") return;
    outputFailed = true;
    process.exitCode = 2;
    if (stream === process.stdout) process.stderr.write(`sriovc: cannot write standard output: ${reasonOf(error)}\n`);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = outputFailed ? 2 : code;
  },
  () => {
    process.exitCode = 2;
  },
);
