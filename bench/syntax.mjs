#!/usr/bin/env node
// The front end alone (src/syntax: lex, repair, parse to AST) as one stage, `parseSource`, on a generated
// topology: CPU time, GC time and bytes allocated per parse, for before/after comparisons of front-end
// changes (docs/PERFORMANCE.md). bench/front-end.mjs with `--stages parseSource` and 7 rounds unless
// told otherwise; see there for the options (`--lines`, `--rounds`, `--dist DIR[,DIR…]` interleaved,
// `--save`: bench/out/syntax-LINES-BUILD.heapprofile) and what each figure is.
//
//   node bench/syntax.mjs [--lines 100000] [--rounds 7] [--dist DIR[,DIR…]] [--save]
import { frontEndBench } from "./front-end.mjs";

await frontEndBench({ stages: ["parseSource"], rounds: 7, name: "syntax" });
