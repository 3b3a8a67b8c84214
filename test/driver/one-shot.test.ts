/**
 * A one-shot check (`OpenOptions.oneShot`: a `sriovc check`, `compile` or `simulate`) lets the syntax
 * trees go once every program is resolved. Nothing after resolution may change for it: the diagnostics
 * (suppressions included, which read the comments and where the first declaration starts), the IR and the
 * analysis are those of a check that keeps the trees.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../bench/generate.mjs";
import { createHost } from "../../src/driver/host.js";
import { CompiledProgram } from "../../src/driver/program.js";
import { checkEntries } from "../../src/driver/workspace.js";
import { REPO } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const SUPPRESSIONS = `// sriovc-disable unused-declaration -- templates kept for later
template vm small { vcpus = 2 }
template vm large { vcpus = 8 }
host h1 {
  cores = 4
  nic n { model = "intel-x710"  pf p0 { vfs = 4 } }
  // sriovc-disable-next-line vf-trust-enabled
  iface eth0 { attach = vf(n.p0)  trust = true }
  iface eth1 { attach = vf(n.p0)  trust = true }
}
// sriovc-disable unused-vf
/* sriovc-disable-next-line pin-overlap */
`;

/** Diagnostics as `check --format json` writes them (a span's line and column are getters). */
const shown = (result: ReturnType<typeof checkEntries>): string => JSON.stringify(result.diagnostics);

function entriesOf(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".sriov"))
    .map((f) => path.join(dir, f));
}

describe("a one-shot check lets the syntax trees go", () => {
  it("the same diagnostics, IR and analysis as a check that keeps them: samples, imports, suppressions, a generated topology", () => {
    const dir = tempTree({ "suppressed.sriov": SUPPRESSIONS, "generated.sriov": generateTopology({ lines: 3000 }).source });
    const groups = [[path.join(REPO, "samples/imports/rack.sriov")], ...entriesOf(path.join(REPO, "samples")).map((f) => [f]), entriesOf(dir)];
    for (const entries of groups) {
      const cwd = path.dirname(entries[0]!);
      const kept = checkEntries(entries, { host: createHost({ cwd }) });
      const released = checkEntries(entries, { cwd });
      expect(shown(released), entries.join(" ")).toBe(shown(kept));
      expect(released.programs.length).toBe(kept.programs.length);
      for (let i = 0; i < kept.programs.length; i++) {
        expect(JSON.stringify(released.programs[i]!.ir)).toBe(JSON.stringify(kept.programs[i]!.ir));
        expect(JSON.stringify(released.programs[i]!.analysis())).toBe(JSON.stringify(kept.programs[i]!.analysis()));
      }
      // The trees are gone (empty files of the same path), and kept by a check on a caller's host.
      for (const file of released.workspace.files.values()) {
        expect(file.ast.items).toEqual([]);
        expect(file.ast.comments).toEqual([]);
        expect(file.ast.file).toBe(file.path);
      }
      for (const program of released.programs) for (const file of program.program.files) expect(file.items).toEqual([]);
      expect([...kept.workspace.files.values()].some((f) => f.ast.items.length > 0)).toBe(true);
    }
  });

  it("suppressions still read the comments: a silenced finding, a misplaced directive, a block comment", () => {
    const dir = tempTree({ "t.sriov": SUPPRESSIONS });
    const result = checkEntries([path.join(dir, "t.sriov")], { cwd: dir });
    expect(result.workspace.files.get("t.sriov")!.ast.items).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`)).toEqual(["9:43 vf-trust-enabled", "11:19 unused-suppression", "12:4 unused-suppression"]);
    expect(result.diagnostics[1]!.message).toBe("`sriovc-disable unused-vf` has no effect here: it only works at the top of a file, before any import or declaration");
    // A program made afterwards on the released program, with other rule settings, lints from the kept
    // comments (the finding off, so its directive is not reported either) and the kept resolution.
    const again = new CompiledProgram(result.programs[0]!.program, { rules: { "vf-trust-enabled": "off" } });
    expect(again.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.rule}`).sort()).toEqual(["11:19 unused-suppression", "12:4 unused-suppression"]);
  });

  it("on a caller's host: kept unless `oneShot`, and a one-shot run does not fill the host's parse cache", () => {
    const dir = tempTree({ "t.sriov": SUPPRESSIONS });
    const entry = path.join(dir, "t.sriov");
    const host = createHost({ cwd: dir });
    const kept = checkEntries([entry], { host });
    expect(kept.workspace.files.get("t.sriov")!.ast.items.length).toBe(3);
    expect(host.parseCount).toBe(1);
    checkEntries([entry], { host });
    expect(host.parseCount).toBe(1);
    const released = checkEntries([entry], { host, oneShot: true });
    expect(released.workspace.files.get("t.sriov")!.ast.items).toEqual([]);
    expect(host.parseCount).toBe(2);
    checkEntries([entry], { host, oneShot: true });
    expect(host.parseCount).toBe(3);
    expect(shown(released)).toBe(shown(kept));
  });

  it("a large file (parsed in parts) released: the same diagnostics and IR", () => {
    const big = generateTopology({ lines: 12000 }).source;
    expect(big.length).toBeGreaterThan(2 * 65536);
    const dir = tempTree({ "big.sriov": big });
    const released = checkEntries([path.join(dir, "big.sriov")], { cwd: dir });
    const kept = checkEntries([path.join(dir, "big.sriov")], { host: createHost({ cwd: dir }) });
    expect(shown(released)).toBe(shown(kept));
    expect(JSON.stringify(released.programs[0]!.ir)).toBe(JSON.stringify(kept.programs[0]!.ir));
  });
});
