#!/usr/bin/env node
import { main } from "./main.js";

// `sriovc check | head` closes the pipe early: drop the rest of the output quietly and still finish, so the
// exit code says what the run found (an unhandled EPIPE would print a stack trace instead).
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stream.write = (() => true) as typeof stream.write;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
