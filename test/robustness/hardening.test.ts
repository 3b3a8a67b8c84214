// The reproductions of docs/SECURITY.md's threats, through the built CLI: hostile files, imports that leak
// or explode, writes that lose data, terminal injection. Each ends in a clear diagnostic or usage error
// (exit 1 or 2) within seconds, never a hang, a stack trace or a changed file.
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, REPO } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";
import type { Run } from "./run-cli.js";

const SAMPLE = readFileSync(path.join(REPO, "samples/bare-metal.sriov"), "utf8");
const FAST_MS = 5_000;

/** The built CLI with wide output (COLUMNS): these tests read messages, not how they wrap. */
function timed(args: string[], cwd: string, timeoutMs = 20_000): Run & { ms: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", input: "", timeout: timeoutMs, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", COLUMNS: "1000" }, maxBuffer: 256 * 1024 * 1024 });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

function noCrash(run: Run): void {
  expect(run.signal).toBeNull();
  expect(run.stdout + run.stderr).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
}

function mkfifo(file: string): boolean {
  return spawnSync("mkfifo", [file]).status === 0;
}

/** A project: a directory with a `.git` marker, so it is its own root. */
function project(files: Record<string, string>): string {
  const root = tempTree(files);
  mkdirSync(path.join(root, ".git"), { recursive: true });
  return root;
}

describe("hostile imports", () => {
  it("import \"/dev/zero\" and a committed symlink to it are refused before anything is read", () => {
    const root = project({ "a.sriov": 'import "/dev/zero"\nimport "z.sriov"\nhost h { }\n' });
    symlinkSync("/dev/zero", path.join(root, "z.sriov"));
    const run = timed(["check", "a.sriov"], root);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(FAST_MS);
    expect(run.stdout).toContain("a.sriov:1:8: error[import-not-found]: cannot import '/dev/zero': /dev/zero is outside the project");
    expect(run.stdout).toContain("a.sriov:2:8: error[import-not-found]: cannot import 'z.sriov': /dev/zero is outside the project");
  });

  it("a device inside an allowed root is refused as not a regular file (importRoots in sriovc.json)", () => {
    const root = tempTree({ "sriovc.json": '{ "importRoots": ["/dev"] }\n', "a.sriov": 'import "z.sriov"\nhost h { }\n' });
    symlinkSync("/dev/zero", path.join(root, "z.sriov"));
    const run = timed(["check", "a.sriov"], root);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("cannot import 'z.sriov': it is a character device; only regular files are read (z.sriov)");
  });

  it("a FIFO as an import, as an entry and as a fmt argument never blocks", () => {
    const root = project({ "a.sriov": 'import "f.sriov"\nhost h { }\n' });
    if (!mkfifo(path.join(root, "f.sriov"))) return; // no mkfifo here
    const imported = timed(["check", "a.sriov"], root);
    noCrash(imported);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toContain("cannot import 'f.sriov': it is a FIFO; only regular files are read (f.sriov)");
    for (const args of [["check", "f.sriov"], ["fmt", "f.sriov"], ["fmt", "--write", "f.sriov"], ["compile", "f.sriov"]]) {
      const run = timed(args, root);
      noCrash(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe("sriovc: cannot read 'f.sriov': it is a FIFO; only regular files are read\n");
    }
  });

  it("an operator YAML entry that cannot be read is named as given, as a .sriov entry is (check named it by its absolute path)", () => {
    const root = project({});
    if (!mkfifo(path.join(root, "f.yaml"))) return; // no mkfifo here
    for (const args of [["check", "f.yaml"], ["import", "k8s", "f.yaml"]]) {
      const run = timed(args, root);
      noCrash(run);
      expect(run.code).toBe(2);
      expect(run.stderr, args.join(" ")).toBe("sriovc: cannot read 'f.yaml': it is a FIFO; only regular files are read\n");
    }
  });

  it("symlink fan-out loads each file once: l1 -> . and l2 -> . give import cycles, not 2^40 paths", () => {
    const root = project({ "a.sriov": 'import "l1/a.sriov"\nimport "l2/a.sriov"\n' });
    symlinkSync(".", path.join(root, "l1"));
    symlinkSync(".", path.join(root, "l2"));
    const run = timed(["check", "a.sriov", "--format", "json"], root);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(FAST_MS);
    const found = (JSON.parse(run.stdout) as { rule: string; message: string; range: { start: { line: number } } }[]).map((d) => [d.rule, d.range.start.line, d.message]);
    expect(found).toEqual([
      ["import-cycle", 1, "import cycle: a.sriov → a.sriov"],
      ["import-cycle", 2, "import cycle: a.sriov → a.sriov"],
    ]);
  });

  it("one l -> . is one file with an import cycle, not 41 errors in 41 files", () => {
    const root = project({ "a.sriov": 'import "l/a.sriov"\nhost h { }\n' });
    symlinkSync(".", path.join(root, "l"));
    const run = timed(["check", "a.sriov"], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("a.sriov:1:1: error[import-cycle]: import cycle: a.sriov → a.sriov");
    expect(run.stdout).toContain("1 error, 0 warnings in 1 file\n");
  });

  it("an import chain of 3,000 files ends at the depth limit with a located error, not a stack overflow", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 3000; i++) files[`c${i}.sriov`] = `${i < 2999 ? `import "c${i + 1}.sriov"\n` : ""}host h${i} { }\n`;
    const root = project(files);
    const run = timed(["check", "c0.sriov"], root);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(FAST_MS);
    expect(run.stdout).toContain("c256.sriov:1:8: error[import-not-found]: cannot import 'c257.sriov': the import chain is more than 256 files deep");
  });

  it("/proc/self/environ and /etc/passwd are outside the project: nothing of them is printed", () => {
    const root = project({ "a.sriov": 'import "/proc/self/environ"\nimport "../../../../../../../etc/passwd"\nhost h { }\n' });
    const run = spawnSync(process.execPath, [BIN, "check", "a.sriov"], { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", COLUMNS: "1000", CI_SECRET: "s3cr3t-value" }, timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain("s3cr3t-value");
    expect(run.stdout).not.toMatch(/root:.*:0:0:/);
    expect(run.stdout).toMatch(/cannot import '\/proc\/self\/environ': \/proc\/\d+\/environ is outside the project/);
    expect(run.stdout).toContain("cannot import '../../../../../../../etc/passwd': /etc/passwd is outside the project");
  });

  it("a file inside the project is imported only if it is a .sriov file, and an invalid one is quoted only up to its first error", () => {
    const root = project({
      "a.sriov": 'import ".git/config"\nimport "secrets.sriov"\nhost h { }\n',
      ".git/config": '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n',
      "secrets.sriov": "TOKEN=abcdef123456\nSECOND=zzz-hidden $ $\n",
    });
    const run = timed(["check", "a.sriov"], root);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("cannot import '.git/config': only `.sriov` files can be imported (.git/config)");
    expect(run.stdout).not.toContain("c2VjcmV0");
    expect(run.stdout).toContain("secrets.sriov:1:1: error[syntax]");
    expect(run.stdout).not.toContain("abcdef123456");
    expect(run.stdout).not.toContain("zzz-hidden");
    expect(run.stdout).toContain("…and more syntax errors in this imported file, not shown");
  });

  it("a sriovc.json that links out of its directory is refused, and a JSON error quotes no text", () => {
    const outside = tempTree({ "secret.json": '{"aws_key": "AKIA-SECRET-VALUE"}', "env": "API_TOKEN=abc" });
    const linked = project({ "a.sriov": "host h { }\n" });
    symlinkSync(path.join(outside, "secret.json"), path.join(linked, "sriovc.json"));
    const run = timed(["check", "a.sriov"], linked);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("sriovc: cannot read config 'sriovc.json': it is a link to a file outside its directory\n");
    const named = project({ "a.sriov": "host h { }\n" });
    const withConfig = timed(["check", "a.sriov", "--config", path.join(outside, "env")], named);
    expect(withConfig.code).toBe(2);
    expect(withConfig.stderr).not.toContain("API_TOKEN");
    expect(withConfig.stderr).toBe(`sriovc: ${path.join(outside, "env")}:1:1: not valid JSON: Unexpected token 'A'\n`);
  });

  it("hosts/a.sriov importing ../templates/x.sriov works inside one repository", () => {
    const root = project({ "hosts/a.sriov": 'import "../templates/x.sriov"\nhost h { }\n', "templates/x.sriov": "template vm small { vcpus = 1 }\n" });
    const run = timed(["check", "hosts/a.sriov", "--format", "json"], root);
    expect(JSON.parse(run.stdout).filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
  });
});

describe("runaway input", () => {
  it("'did you mean' is bounded: 2000-letter names replicated 4096 times and several typos take seconds, not minutes", () => {
    const long = "w".repeat(2000);
    const typos = Array.from({ length: 5 }, (_, i) => `  vm t${i} { vcpus = 1\n    iface e { attach = vswitch(${long}x${i}) } }\n`).join("");
    const root = project({ "a.sriov": `host h {\n  vm ${long}[1..4096] { vcpus = 1 }\n${typos}}\n` });
    const run = timed(["check", "a.sriov"], root, 60_000);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(FAST_MS * 2);
  });

  it("a 10 MB string literal and a 10 MB bad token: located errors, bounded output", () => {
    const root = project({
      "s.sriov": `host h { nic n { model = "${"\\a".repeat(5_000_000)}" } }\n`,
      "t.sriov": `host h { cores = ${"7".repeat(10_000_000)}x$ }\n`,
    });
    for (const name of ["s.sriov", "t.sriov"]) {
      const run = timed(["check", name], root);
      noCrash(run);
      expect(run.code).toBe(1);
      expect(run.ms).toBeLessThan(FAST_MS * 2);
      expect(run.stdout.length).toBeLessThan(20_000);
    }
  });

  it("standard input over 64 MiB is a usage error, read no further", () => {
    const run = spawnSync(process.execPath, [BIN, "check", "-"], { input: Buffer.alloc(65 * 1024 * 1024, 0x20), encoding: "utf8", timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("sriovc: standard input is over the 64.0 MiB limit; give a file instead\n");
    const fmt = spawnSync(process.execPath, [BIN, "fmt", "-"], { input: Buffer.alloc(65 * 1024 * 1024, 0x20), encoding: "utf8", timeout: 30_000 });
    expect(fmt.status).toBe(2);
  });
});

describe("invalid UTF-8", () => {
  it("Latin-1 in a string is a located syntax error, and fmt --write leaves the bytes alone", () => {
    const root = project({});
    const bytes = Buffer.concat([Buffer.from('host h {\n  description = "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]);
    writeFileSync(path.join(root, "l.sriov"), bytes);
    const check = timed(["check", "l.sriov"], root);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("l.sriov:2:21: error[syntax]: invalid UTF-8: byte 0xE9 (byte offset 29) does not start a valid UTF-8 sequence");
    const fmt = timed(["fmt", "--write", "l.sriov"], root);
    expect(fmt.code).toBe(1);
    expect(readFileSync(path.join(root, "l.sriov")).equals(bytes)).toBe(true);
    const stdin = spawnSync(process.execPath, [BIN, "check", "-"], { input: bytes, encoding: "utf8", cwd: root, env: { ...process.env, NO_COLOR: "1", COLUMNS: "1000" } });
    expect(stdin.stdout).toContain("<stdin>:2:21: error[syntax]: invalid UTF-8");
  });
});

describe("writes that must not lose data", () => {
  it("compile -o /dev/null writes the device, leaving it a device", () => {
    const root = project({ "a.sriov": SAMPLE });
    const before = statSync("/dev/null");
    const run = timed(["compile", "a.sriov", "-o", "/dev/null"], root);
    expect(run.code).toBe(0);
    const after = statSync("/dev/null");
    expect(after.isCharacterDevice()).toBe(true);
    expect(after.rdev).toBe(before.rdev);
  });

  it("compile -o a FIFO without a reader says so instead of blocking or replacing it", () => {
    const root = project({ "a.sriov": SAMPLE });
    if (!mkfifo(path.join(root, "out.fifo"))) return;
    const run = timed(["compile", "a.sriov", "-o", "out.fifo"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("sriovc: cannot write 'out.fifo': no process is reading the FIFO (ENXIO)\n");
    expect(lstatSync(path.join(root, "out.fifo")).isFIFO()).toBe(true);
  });

  it("compile and simulate refuse -o naming an input (the source or one it imports)", () => {
    const root = project({ "x.sriov": `import "lib.sriov"\n${SAMPLE}`, "lib.sriov": "template vm t { vcpus = 1 }\n" });
    for (const args of [
      ["compile", "x.sriov", "-o", "x.sriov"],
      ["compile", "x.sriov", "-o", "./lib.sriov"],
      ["simulate", "x.sriov", "--duration", "1ms", "-o", "x.sriov"],
    ]) {
      const run = timed(args, root);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`sriovc: cannot write '${args[args.length - 1]}': it is one of the input files; choose another output\n`);
    }
    expect(readFileSync(path.join(root, "x.sriov"), "utf8")).toBe(`import "lib.sriov"\n${SAMPLE}`);
    expect(readFileSync(path.join(root, "lib.sriov"), "utf8")).toBe("template vm t { vcpus = 1 }\n");
  });

  it("fmt --write keeps mode (0600, executable bits), refuses a read-only file, writes through a symlink, keeps hard links", () => {
    const messy = "host   h   {\n}\n";
    const root = project({ "private.sriov": messy, "exec.sriov": messy, "ro.sriov": messy, "target.sriov": messy, "linked.sriov": messy });
    chmodSync(path.join(root, "private.sriov"), 0o600);
    chmodSync(path.join(root, "exec.sriov"), 0o755);
    chmodSync(path.join(root, "ro.sriov"), 0o400);
    symlinkSync("target.sriov", path.join(root, "via-link.sriov"));
    linkSync(path.join(root, "linked.sriov"), path.join(root, "other-name.sriov"));
    const run = timed(["fmt", "--write", "private.sriov", "exec.sriov", "ro.sriov", "via-link.sriov", "linked.sriov"], root);
    expect(run.code).toBe(2);
    // Named as the user named it, not by its absolute path.
    expect(run.stderr).toBe("sriovc: cannot write 'ro.sriov': it is read-only\n");
    const formatted = "host h {}\n";
    expect(readFileSync(path.join(root, "private.sriov"), "utf8")).toBe(formatted);
    expect(statSync(path.join(root, "private.sriov")).mode & 0o7777).toBe(0o600);
    expect(statSync(path.join(root, "exec.sriov")).mode & 0o7777).toBe(0o755);
    expect(readFileSync(path.join(root, "ro.sriov"), "utf8")).toBe(messy);
    expect(lstatSync(path.join(root, "via-link.sriov")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(root, "via-link.sriov"))).toBe("target.sriov");
    expect(readFileSync(path.join(root, "target.sriov"), "utf8")).toBe(formatted);
    expect(statSync(path.join(root, "linked.sriov")).ino).toBe(statSync(path.join(root, "other-name.sriov")).ino);
    expect(readFileSync(path.join(root, "other-name.sriov"), "utf8")).toBe(formatted);
    // No temporary file is left behind.
    expect(readdirSync(root).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("fmt --write in a read-only directory is a clear error, not an internal one", () => {
    const root = project({ "d/a.sriov": "host   h {\n}\n" });
    const directory = path.join(root, "d");
    chmodSync(directory, 0o555);
    // Root ignores directory permissions: run as an unprivileged user then.
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      for (const p of [root, directory]) chownSync(p, 65534, 65534);
      chmodSync(root, 0o755);
      chownSync(path.join(directory, "a.sriov"), 65534, 65534);
    }
    const run = spawnSync(process.execPath, [BIN, "fmt", "--write", "d/a.sriov"], {
      cwd: root,
      encoding: "utf8",
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: "1" },
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    if (run.error) return; // cannot switch users here
    expect(run.stderr).not.toContain("internal error");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`sriovc: cannot write 'd/a.sriov': its directory ${directory} is not writable (EACCES)\n`);
    expect(readFileSync(path.join(directory, "a.sriov"), "utf8")).toBe("host   h {\n}\n");
  });

  it("-o ending in / names a directory: compile and simulate refuse it instead of writing a file without the slash", () => {
    const root = project({ "a.sriov": SAMPLE, "out.json": "{}" });
    for (const args of [
      ["compile", "a.sriov", "-o", "missing/"],
      ["compile", "a.sriov", "-o", "out.json/"],
      ["simulate", "a.sriov", "--duration", "1ms", "--format", "json", "-o", "report/"],
    ]) {
      const run = timed(args, root);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`sriovc: cannot write '${args[args.length - 1]}': it ends in /, which names a directory, not a file\n`);
    }
    expect(existsSync(path.join(root, "missing"))).toBe(false);
    expect(existsSync(path.join(root, "report"))).toBe(false);
    expect(readFileSync(path.join(root, "out.json"), "utf8")).toBe("{}");
  });

  it("compile -o keeps an existing output's mode and leaves no temporary file", () => {
    const root = project({ "a.sriov": SAMPLE, "out.json": "{}" });
    chmodSync(path.join(root, "out.json"), 0o640);
    expect(timed(["compile", "a.sriov", "-o", "out.json"], root).code).toBe(0);
    expect(statSync(path.join(root, "out.json")).mode & 0o7777).toBe(0o640);
    expect(JSON.parse(readFileSync(path.join(root, "out.json"), "utf8")).hosts).toBeDefined();
    expect(readdirSync(root).filter((f) => f.startsWith(".out.json"))).toEqual([]);
  });
});

describe("terminal injection", () => {
  const ESC = "\u001b";
  it("escape sequences in a string value are shown as \\x1b, never sent raw (pretty, github, json)", () => {
    const root = project({ "a.sriov": 'host h {\n  nic n { model = "\\u{1b}[2J\\u{1b}]0;PWNED\\u{7}\\u{9b}31m" }\n}\n' });
    const pretty = timed(["check", "a.sriov"], root);
    expect(pretty.stdout).toContain("unknown NIC model `\"\\x1b[2J\\x1b]0;PWNED\\x07\\x9b31m\"`");
    const github = timed(["check", "a.sriov", "--format", "github"], root);
    const json = timed(["check", "a.sriov", "--format", "json"], root);
    for (const out of [pretty.stdout, github.stdout, json.stdout]) expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(JSON.parse(json.stdout)[0].message).toContain("\u001b[2J");
  });

  it("file names with ESC are printed visibly, in diagnostics and in usage errors", () => {
    const name = `e${ESC}[31mvil.sriov`;
    const root = project({ [name]: "host h { x = 1 }\n" });
    const run = timed(["check", name], root);
    expect(run.stdout).toContain("e\\x1b[31mvil.sriov:1:10: error[unknown-attribute]");
    const missing = timed(["check", `m${ESC}]0;T\u0007.sriov`], root);
    expect(missing.stderr).toBe("sriovc: cannot read 'm\\x1b]0;T\\x07.sriov': no such file or directory\n");
  });

  it("raw control characters (C1 U+009B too) and bidi overrides in comments and strings are syntax errors shown visibly", () => {
    const root = project({ "a.sriov": `// hi \u009b2J there\nhost h {\n  description = "a${ESC}b"\n}\n// \u202e reversed\n` });
    const run = timed(["check", "a.sriov"], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("a.sriov:1:7: error[syntax]: control character U+009B in a comment");
    expect(run.stdout).toContain("  > 1 | // hi \\x9b2J there");
    expect(run.stdout).toContain("a.sriov:3:19: error[syntax]: control character U+001B in a string");
    expect(run.stdout).toContain("a.sriov:5:4: error[syntax]: bidirectional text control U+202E in a comment");
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
  });

  it("U+2028 and U+2029 do not end a line: the code frame and the location agree", () => {
    const root = project({ "a.sriov": "// one \u2028 two \u2029 three\nhost h { x = 1 }\n" });
    const run = timed(["check", "a.sriov"], root);
    expect(run.stdout).toContain("a.sriov:2:10: error[unknown-attribute]");
    expect(run.stdout).toContain("    1 | // one \\u2028 two \\u2029 three\n  > 2 | host h { x = 1 }\n      |          ^");
  });
});

describe("smaller limits", () => {
  it("an integer past 2^53 is too large to be a number, not 'at least 0'", () => {
    const root = project({ "a.sriov": SAMPLE.replace("pci = 0000:04:00.0", "pci = 0000:04:00.0\n      vfs = 9007199254740993") });
    const run = timed(["check", "a.sriov"], root);
    expect(run.stdout).toContain("error[invalid-value]: `vfs` is too large to be a number: 9007199254740993");
  });

  it("IR input: eventBudget 1e15, ratePps 0, durationNs 1e300 and rings of 2^53 descriptors are schema errors; a byte-order mark is accepted", () => {
    const root = project({ "a.sriov": SAMPLE });
    const compiled = timed(["compile", "a.sriov", "-o", "ir.json"], root);
    expect(compiled.code).toBe(0);
    const ir = JSON.parse(readFileSync(path.join(root, "ir.json"), "utf8"));
    const variants: [string, (copy: typeof ir) => void, string][] = [
      ["budget.json", (c) => (c.simulation.eventBudget = 1e15), "/simulation/eventBudget: must be <= 1000000000000"],
      ["rate.json", (c) => (c.traffic[0].ratePps = 0), "/traffic/0/ratePps: must be > 0"],
      ["duration.json", (c) => (c.simulation.durationNs = 1e300), "/simulation/durationNs: must be <= 9007199254740991"],
      ["ring.json", (c) => (c.pfs[0].ring = 9007199254740991), "/pfs/0/ring: must be <= 65536"],
      ["guest-ring.json", (c) => (c.costs.params.guest_ring = 1e308), "/costs/params/guest_ring: must be <= 65536"],
    ];
    for (const [name, change, message] of variants) {
      const copy = JSON.parse(JSON.stringify(ir));
      change(copy);
      writeFileSync(path.join(root, name), JSON.stringify(copy));
      const run = timed(["simulate", name], root);
      expect(run.code).toBe(1);
      // Located at the value (one line of JSON: line 1; test/cli/simulate.test.ts checks the columns).
      expect(run.stdout).toMatch(new RegExp(`^${name.replace(/\./g, "\\.")}:1:\\d+: ${message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
    }
    writeFileSync(path.join(root, "bom.json"), `\uFEFF${JSON.stringify(ir)}`);
    expect(timed(["simulate", "bom.json", "--duration", "1ms"], root).code).toBe(0);
  });

  it("--event-budget, --duration: too large, too short and too long are named", () => {
    const root = project({ "a.sriov": SAMPLE });
    const cases: [string[], string][] = [
      [["--event-budget", "99999999999999999999"], "sriovc: --event-budget 99999999999999999999 is too large: at most 1,000,000,000,000\n"],
      [["--duration", "1ns"], "sriovc: --duration 1ns is too short to measure rates: at least 100us\n"],
      [["--duration", "1000000000s"], "sriovc: --duration 1000000000s is too long: at most 9007199254740991 ns (about 104 days)\n"],
    ];
    for (const [flags, message] of cases) {
      const run = timed(["simulate", "a.sriov", ...flags], root);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(message);
    }
  });

  it("a duration in a topology past 2^53 ns is too long, not an invalid IR", () => {
    const root = project({ "a.sriov": SAMPLE.replace("duration = 50ms", "duration = 9999999999999999999999s") });
    const run = timed(["compile", "a.sriov"], root);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("error[invalid-value]: `duration` is too long: 9999999999999999999999s is over 9007199254740991 ns (about 104 days)");
  });

  it("a size in a topology past 2^53 bytes is too large, not a byte count in the IR", () => {
    const root = project({ "a.sriov": "host h1 {\n  cores = 4\n  vm v {\n    vcpus = 2\n    memory = 102400000000000000000000GiB\n  }\n}\n" });
    const run = timed(["compile", "a.sriov"], root);
    noCrash(run);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("error[invalid-value]: `memory` is too large: 10240000000000000000… is over 9007199254740991 bytes (8 PiB)");
    expect(run.stdout).toContain("a.sriov:5:14");
  });

  it("a bit rate, packet rate or clock past 2^53 is too large, not a core some 1e21 % busy", () => {
    const root = project({ "a.sriov": "host h1 {\n  freq = 99999999999999GHz\n  nic n {\n    pf p {\n      speed = 99999999999999999999999Gbps\n    }\n  }\n  iface e {\n    attach = pf(n.p)\n  }\n}\ntraffic t {\n  to = h1.e\n  rate = 10000000000000Mpps\n}\n" });
    const run = timed(["check", "--format", "json", "a.sriov"], root);
    noCrash(run);
    expect(run.code).toBe(1);
    const found = (JSON.parse(run.stdout) as { rule: string; message: string; range: { start: { line: number; column: number } } }[]).map((d) => `${d.range.start.line}:${d.range.start.column} ${d.rule}: ${d.message}`);
    expect(found).toEqual([
      "2:10 invalid-value: `freq` is too large: 99999999999999GHz is over 9007199254740991 Hz",
      "5:15 invalid-value: `speed` is too large: 99999999999999999999… is over 9007199254740991 bps",
      "14:10 invalid-value: `rate` is too large: 10000000000000Mpps is over 9007199254740991 pps",
    ]);
  });
});

it("the temporary files of a failed write are removed", () => {
  const root = project({ "a.sriov": SAMPLE });
  expect(existsSync(path.join(root, "nope"))).toBe(false);
  const run = timed(["compile", "a.sriov", "-o", "nope/out.json"], root);
  expect(run.code).toBe(2);
  expect(readdirSync(root).sort()).toEqual([".git", "a.sriov"]);
});
