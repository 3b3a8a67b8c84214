// A file-system fuzzer, shared by the test suite (test/robustness/fs-fuzz.test.ts) and `npm run fuzz`
// (bench/fuzz.mjs): seeded trees of `.sriov` files that import each other through symbolic links (loops,
// fan-outs, links out of the root), FIFOs, devices, unreadable, huge and oddly named files, and operator
// YAML/JSON and libvirt XML with the same tricks (a link out of the root, a FIFO, a device, a sparse
// file over the limit, an unreadable file, a directory), driven
// through `check`, `fmt --write` and `compile -o`. For each run it asserts:
//   - exit 0, 1 or 2 within a time bound, and nothing that looks like a stack trace or internal error;
//   - no file outside the root read: canary files outside the root, reachable by every trick the tree
//     plays, never show up in the output (their content is unique) and keep their access time (set far
//     in the past, so even a `relatime` mount records a read; on a `noatime` mount only the output is checked);
//   - no file changed except the one the command names (fmt --write: the named files; compile -o: the
//     output), compared by a snapshot of every file's bytes, mode and type before and after.
import { spawnSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { looksLikeCrash, rng } from "./fuzz-inputs.mjs";

const VALID = [
  "host h { cores = 4 }\n",
  'template vm small { vcpus = 1 }\n',
  'host a {\n  nic n {\n    model = "intel-x710"\n    pf p { pci = 0000:3b:00.0 vfs = 2 }\n  }\n}\n',
  "// a comment only\n",
];
/** The operator YAML/JSON and libvirt XML entries of a tree (see buildTree), valid and odd. */
const INTEROP_NAMES = ["policy.yaml", "state.yml", "config.json", "vm.xml", "dev.xml", "dangling.yml", "fifo.yaml", "huge.json", "unreadable.yml", "dir.xml"];
const ODD_NAMES = ["sp ace.sriov", "-dash.sriov", "\u001b[31mesc.sriov", "uni\u00e9.sriov", "new\nline.sriov", "quote'\".sriov", "\u2028sep.sriov", "..dots.sriov", "a\u009bc1.sriov"];

/**
 * Builds one tree for `seed` under a fresh directory: `root/` (the project, with `.git`) and, beside it,
 * `outside/canary.sriov`, which nothing may read. Returns the paths and the names a command may be given.
 */
export function buildTree(seed, base = tmpdir()) {
  const r = rng(seed * 7919 + 13);
  const top = mkdtempSync(join(base, "sriovc-fsfuzz-"));
  const root = join(top, "root");
  const outside = join(top, "outside");
  mkdirSync(join(root, ".git"), { recursive: true });
  mkdirSync(outside);
  const canaryText = `CANARY-${seed}-${r.int(1e9)}`;
  writeFileSync(join(outside, "canary.sriov"), `${canaryText} = {\n`);
  writeFileSync(join(outside, "canary.txt"), `${canaryText}\n`);
  const now = Date.now() / 1000;
  for (const name of ["canary.sriov", "canary.txt"]) utimesSync(join(outside, name), 1, now);
  const dirs = ["", "sub", "sub/deep"];
  for (const d of dirs.slice(1)) mkdirSync(join(root, d), { recursive: true });
  const files = [];
  const count = 3 + r.int(6);
  const targets = ["canary.sriov", "../outside/canary.sriov", "../../outside/canary.sriov", "/etc/passwd", "/dev/zero", "/proc/self/environ", "l1/f0.sriov", "l2/f0.sriov", "loop/x.sriov", "fifo.sriov", "dev.sriov", "huge.sriov", "unreadable.sriov", "out.sriov", "dir.sriov", "sub", "nope.sriov", "f0.sriov", "sub/f1.sriov", "../root/f0.sriov"];
  for (let i = 0; i < count; i++) {
    const dir = r.pick(dirs);
    const name = r.int(4) === 0 ? r.pick(ODD_NAMES) : `f${i}.sriov`;
    const imports = Array.from({ length: r.int(4) }, () => `import "${r.pick(targets)}"\n`).join("");
    const body = r.int(5) === 0 ? "host   messy {\n}\n" : r.pick(VALID);
    const file = join(root, dir, name);
    try {
      writeFileSync(file, imports + body);
      files.push(relative(root, file));
    } catch {
      // A name this file system refuses.
    }
  }
  const trySymlink = (target, name) => {
    try {
      symlinkSync(target, join(root, name));
    } catch {
      // Exists already.
    }
  };
  // Loops and fan-outs: directories that point back at the root.
  trySymlink(".", "l1");
  trySymlink(".", "l2");
  trySymlink("loop", "loop");
  trySymlink("..", "sub/up");
  // Links out of the root, to a device, and a dangling one.
  trySymlink(join(outside, "canary.sriov"), "canary.sriov");
  trySymlink("../outside", "out");
  trySymlink("/dev/zero", "dev.sriov");
  trySymlink("missing-target.sriov", "dangling.sriov");
  trySymlink("f0.sriov", "alias.sriov");
  if (spawnSync("mkfifo", [join(root, "fifo.sriov")]).status !== 0) writeFileSync(join(root, "fifo.sriov"), "");
  writeFileSync(join(root, "huge.sriov"), "");
  truncateSync(join(root, "huge.sriov"), 65 * 1024 * 1024); // sparse: over the limit, never read
  writeFileSync(join(root, "unreadable.sriov"), "host u { }\n");
  chmodSync(join(root, "unreadable.sriov"), 0o000);
  mkdirSync(join(root, "dir.sriov"));
  // Operator YAML/JSON and libvirt XML, which `check` reads when named (a directory yields only .sriov
  // files): valid ones, and the same tricks under their extensions.
  const interop = {
    "policy.yaml": "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetworkNodePolicy\nmetadata:\n  name: p\nspec:\n  nodeSelector:\n    kubernetes.io/hostname: h\n  resourceName: r\n  numVfs: 4\n  nicSelector:\n    pfNames: [\"ens1f0#0-3\"]\n",
    "state.yml": "apiVersion: sriovnetwork.openshift.io/v1\nkind: SriovNetworkNodeState\nmetadata:\n  name: h\nstatus:\n  interfaces:\n  - name: ens1f0\n    totalvfs: 2\n",
    "config.json": '{"resourceList": [{"resourceName": "r", "selectors": {"pfNames": ["ens1f0#0-1"]}}]}\n',
    "vm.xml": "<domain type='kvm'><name>vm</name><vcpu>1</vcpu><devices><interface type='bridge'><source bridge='br0'/></interface></devices></domain>\n",
  };
  for (const [name, text] of Object.entries(interop)) writeFileSync(join(root, name), text);
  trySymlink(join(outside, "canary.txt"), "canary.yaml");
  trySymlink("/dev/zero", "dev.xml");
  trySymlink("missing-target.yml", "dangling.yml");
  if (spawnSync("mkfifo", [join(root, "fifo.yaml")]).status !== 0) writeFileSync(join(root, "fifo.yaml"), "");
  writeFileSync(join(root, "huge.json"), "");
  truncateSync(join(root, "huge.json"), 17 * 1024 * 1024); // sparse: over the 16 MiB interop limit, never read
  writeFileSync(join(root, "unreadable.yml"), "kind: List\n");
  chmodSync(join(root, "unreadable.yml"), 0o000);
  mkdirSync(join(root, "dir.xml"));
  return { top, root, outside, canaryText, files };
}

/**
 * Every entry under `dir` (not following links): type, mode, size and bytes of regular files — or, with
 * `contents` false, size and modification time instead of the bytes (reading would change access times).
 */
export function snapshot(dir, contents = true) {
  const out = new Map();
  const walk = (at) => {
    for (const name of readdirSync(at)) {
      const full = join(at, name);
      const stat = lstatSync(full);
      let content = "";
      if (stat.isSymbolicLink()) content = `-> ${readlinkSync(full)}`;
      else if (stat.isFile() && !contents) content = `(size ${stat.size}, modified ${stat.mtimeMs})`;
      else if (stat.isFile() && stat.size < 1024 * 1024) {
        try {
          content = readFileSync(full, "latin1");
        } catch {
          content = "(unreadable)";
        }
      } else if (stat.isFile()) content = `(size ${stat.size})`;
      const type = stat.isSymbolicLink() ? "link" : stat.isDirectory() ? "dir" : stat.isFIFO() ? "fifo" : stat.isFile() ? "file" : "other";
      out.set(relative(dir, full), `${type} ${stat.mode & 0o7777} ${content}`);
      if (stat.isDirectory()) walk(full);
    }
  };
  walk(dir);
  return out;
}

function changed(before, after, allowed) {
  const problems = [];
  for (const [name, state] of before) {
    if (allowed.has(name)) continue;
    if (!after.has(name)) problems.push(`${JSON.stringify(name)} disappeared`);
    else if (after.get(name) !== state) problems.push(`${JSON.stringify(name)} changed`);
  }
  for (const name of after.keys()) if (!before.has(name) && !allowed.has(name)) problems.push(`${JSON.stringify(name)} appeared`);
  return problems;
}

/**
 * Runs the three commands on one tree and returns the problems found (empty: all properties hold).
 * `bin` is dist/cli/bin.js; `timeoutMs` the bound per command.
 */
export function fuzzTree(seed, bin, timeoutMs = 20_000) {
  const tree = buildTree(seed);
  const problems = [];
  const r = rng(seed * 31 + 7);
  const run = (args) => {
    const started = Date.now();
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: tree.root, encoding: "utf8", timeout: timeoutMs, env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 * 1024 * 1024 });
    const what = `seed ${seed}: ${args.map((a) => JSON.stringify(a)).join(" ")}`;
    if (result.error || result.signal) problems.push(`${what}: ${result.error?.message ?? result.signal} after ${Date.now() - started} ms`);
    else if (![0, 1, 2].includes(result.status)) problems.push(`${what}: exit ${result.status}`);
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    if (looksLikeCrash(output)) problems.push(`${what}: crash: ${output.slice(0, 500)}`);
    if (output.includes(tree.canaryText)) problems.push(`${what}: read a file outside the root`);
    if (/root:.*:0:0:/.test(output)) problems.push(`${what}: printed /etc/passwd`);
    return result;
  };
  try {
    // The canary is never named: a file the user names is read wherever it is.
    const names = [...tree.files, "alias.sriov", "dev.sriov", "fifo.sriov", "huge.sriov", "unreadable.sriov", "dangling.sriov", "dir.sriov", ...INTEROP_NAMES];
    const pick = () => r.pick(names);
    const outsideBefore = snapshot(tree.outside, false);

    let before = snapshot(tree.root);
    run(["check", "."]);
    run(["check", pick(), pick(), "--format", "json"]);
    run(["check", r.pick(INTEROP_NAMES), r.pick(INTEROP_NAMES), pick(), "--format", r.pick(["sarif", "github", "pretty"])]);
    problems.push(...changed(before, snapshot(tree.root), new Set()).map((p) => `seed ${seed}: check changed a file: ${p}`));

    // fmt --write may change only the files named (a symlink's target is its file; a hard link is one too).
    const named = [pick(), pick()];
    before = snapshot(tree.root);
    run(["fmt", "--write", ...named]);
    const allowedFmt = new Set(named.flatMap((n) => [n, n === "alias.sriov" ? "f0.sriov" : n]));
    problems.push(...changed(before, snapshot(tree.root), allowedFmt).map((p) => `seed ${seed}: fmt --write changed another file: ${p}`));

    // compile -o may change only the output.
    const output = r.pick(["out.json", "sub/out.json", "dangling.sriov", "alias.sriov", tree.files[0] ?? "f0.sriov", "fifo.sriov", "dir.sriov"]);
    before = snapshot(tree.root);
    run(["compile", pick(), "-o", output]);
    // A symbolic link is written through: its target (which a dangling link creates) is the output too.
    const allowedCompile = new Set([output, output === "dangling.sriov" ? "missing-target.sriov" : output === "alias.sriov" ? "f0.sriov" : output]);
    problems.push(...changed(before, snapshot(tree.root), allowedCompile).map((p) => `seed ${seed}: compile -o changed another file: ${p}`));

    problems.push(...changed(outsideBefore, snapshot(tree.outside, false), new Set()).map((p) => `seed ${seed}: a file outside the root changed: ${p}`));
    for (const name of ["canary.sriov", "canary.txt"]) {
      if (statSync(join(tree.outside, name)).atimeMs > 1000) problems.push(`seed ${seed}: ${name} outside the root was read (its access time changed)`);
    }
  } finally {
    rmSync(tree.top, { recursive: true, force: true });
  }
  return problems;
}
