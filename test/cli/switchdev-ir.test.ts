/**
 * An IR file as sriovc wrote it before the PF's eSwitch mode was in the IR: representor ports on a PF
 * without `"switchdev": true`. Every command that reads an IR file refuses it, naming the PF, where it is.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";

const compiled = sriovc(["compile", "samples/switchdev-offload.sriov"], { cwd: REPO });
const current = JSON.parse(compiled.stdout) as { pfs: Record<string, unknown>[] };
const old = `${JSON.stringify({ ...current, pfs: current.pfs.map(({ switchdev: _, ...pf }) => pf) }, null, 2)}\n`;
const dir = tempTree({ "old.ir.json": old, "current.ir.json": compiled.stdout });

/** `line:column` of the first PF's object in the old IR, where the error points. */
function firstPf(): string {
  const before = old.slice(0, old.indexOf("{", old.indexOf('"pfs": [')));
  return `${before.split("\n").length}:${before.length - before.lastIndexOf("\n")}`;
}

const ERROR = `/pfs/0: PF 'compute7.cx6.p0' is not in switchdev mode (no "switchdev": true), but 4 interfaces on its VFs are representor ports ("offload"): 'compute7.tenant1.eth0', 'compute7.tenant2.eth0', 'compute7.tenant3.eth0' and 1 more; an IR written by an older sriovc leaves the mode out: compile the topology again, or add "switchdev": true to the PF`;

describe("an IR with representor ports on a PF without its eSwitch mode", () => {
  it("is what compile wrote before, less the mode (the current IR has it on that PF)", () => {
    expect(compiled.code).toBe(0);
    expect(current.pfs.map((pf) => `${String(pf["id"])} ${String(pf["switchdev"] ?? "-")}`)).toEqual(["compute7.cx6.p0 true"]);
  });

  it.each([
    ["simulate", ["simulate", "old.ir.json"]],
    ["compile --emit netplan", ["compile", "old.ir.json", "--emit", "netplan"]],
    ["compile --emit k8s", ["compile", "old.ir.json", "--emit", "k8s"]],
  ])("%s refuses it, naming the PF at its place in the file", (_, args) => {
    const out = sriovc(args, { cwd: dir });
    expect(out.code).toBe(1);
    expect(out.stdout).toBe(`old.ir.json:${firstPf()}: ${ERROR}\nold.ir.json: not a valid sriovc IR (schema/ir.schema.json)\n`);
  });

  it("the IR compile writes now is read back, and emits the mode", () => {
    const out = sriovc(["compile", "current.ir.json", "--emit", "netplan"], { cwd: dir });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("      embedded-switch-mode: switchdev\n");
  });
});
