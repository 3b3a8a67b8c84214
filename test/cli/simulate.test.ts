/** `sriovc simulate` and `sriovc compile --emit ir` through the built CLI: outputs, exit codes, errors. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { validateIr } from "../../src/lower/validate.js";
import { REPO, sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";
import { fixtureIr } from "../sim/ir-fixtures.js";

const ir = fixtureIr({ path: "vswitch", ratePps: 200_000, durationNs: 5_000_000, warmupNs: 500_000 });
const BAD_IR = `${JSON.stringify({ ...ir, irVersion: 9, hosts: [{ ...ir.hosts[0], cores: 0 }] }, null, 2)}\n`;
const dir = tempTree({ "t.ir.json": JSON.stringify(ir), "bad.ir.json": BAD_IR });

describe("sriovc simulate IR.json", () => {
  it("prints the JSON report, identical across runs", () => {
    const a = sriovc(["simulate", "t.ir.json", "--format", "json"], { cwd: dir });
    const b = sriovc(["simulate", "t.ir.json", "--format", "json"], { cwd: dir });
    expect(a.code).toBe(0);
    expect(a.stderr).toBe("");
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(report.seed).toBe(42);
    expect(report.interfaces[0].path).toBe("vswitch");
  });
  it("--seed and --duration change the run; the warm-up keeps its share", () => {
    const report = JSON.parse(sriovc(["simulate", "t.ir.json", "--format", "json", "--seed", "9", "--duration", "2ms"], { cwd: dir }).stdout);
    expect([report.seed, report.duration_s, report.warmup_s]).toEqual([9, 0.002, 0.0002]);
  });
  it("--help gives --duration's default, as it gives --seed's", () => {
    // Wrapped to the terminal's width: read as one line.
    const help = sriovc(["simulate", "--help"], { cwd: dir }).stdout.replace(/\s+/g, " ");
    expect(help).toContain("--seed <n> RNG seed (default: the topology's) ");
    expect(help).toContain("--duration <d> simulated time, e.g. 100ms (default: the topology's `simulation.duration`, 100ms if unset; the warm-up keeps its share) ");
  });
  it("--what-if and --compare need the .sriov source: they lower it again", () => {
    expect(sriovc(["simulate", "t.ir.json", "--what-if", "h1.web1.eth0=vf"], { cwd: dir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "sriovc: --what-if needs the .sriov source: the interface is re-attached there and lowered again\n",
    });
    expect(sriovc(["simulate", "t.ir.json", "--compare"], { cwd: dir }).stderr).toBe("sriovc: --compare needs the .sriov source: each data path is lowered again from it\n");
  });
  it("--what-if refuses two data paths (or two drivers) for one interface, which took the last one silently; a path and a driver go together", () => {
    const sample = path.join(REPO, "samples/four-data-paths.sriov");
    expect(sriovc(["simulate", sample, "--what-if", "kvm1.via_vf.eth0=vmdq", "--what-if", "kvm1.via_vf.eth0=vf"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "sriovc: --what-if kvm1.via_vf.eth0 is given two data paths (vmdq, then vf): give one\n",
    });
    expect(sriovc(["simulate", sample, "--what-if", "kvm1.via_vf.eth0=dpdk", "--what-if", "kvm1.via_vf.eth0=kernel"]).stderr).toBe(
      "sriovc: --what-if kvm1.via_vf.eth0 is given two drivers (dpdk, then kernel): give one\n",
    );
    expect(sriovc(["simulate", sample, "--what-if", "kvm1.via_vf.eth0=vf", "--what-if", "kvm1.via_vf.eth0=dpdk", "--duration", "1ms"]).code).toBe(0);
  });

  it("--help names every mode --what-if takes: the data paths, vswitch(NAME) and the drivers, and its default as words (it said '(default: [])')", () => {
    const help = sriovc(["simulate", "--help"]);
    expect(help.code).toBe(0);
    // Commander wraps the description at 80 columns.
    expect(help.stdout.replace(/\s+/g, " ")).toContain(
      "--what-if <iface=mode> re-attach an interface for this run (repeatable); mode: pf, vswitch, vmdq, vf, vdpa, vswitch(NAME), kernel or dpdk (default: none)",
    );
  });
  it("--verbose's help says it prints check's infos too, as it does (it said 'every warning')", () => {
    for (const command of ["simulate", "compile"]) {
      const help = sriovc([command, "--help"]).stdout.replace(/\s+/g, " ");
      expect(help, command).toContain("--verbose print every warning and info of 'sriovc check', not one line per rule");
    }
  });
  it("markdown format", () => {
    expect(sriovc(["simulate", "t.ir.json", "--format", "markdown"], { cwd: dir }).stdout).toMatch(/^## Simulation\n/);
  });
  it("an invalid IR exits 1 with each error's JSON pointer", () => {
    const out = sriovc(["simulate", "bad.ir.json"], { cwd: dir });
    expect(out.code).toBe(1);
    // As compile writes IR: two-space indentation, one member a line.
    const at = (needle: string): string => {
      const before = BAD_IR.slice(0, BAD_IR.indexOf(needle) + needle.length);
      return `${before.split("\n").length}:${before.length - before.lastIndexOf("\n")}`;
    };
    expect(out.stdout).toBe(
      `bad.ir.json:${at('"irVersion": ')}: /irVersion: must be equal to constant\nbad.ir.json:${at('"cores": ')}: /hosts/0/cores: must be >= 1\nbad.ir.json: not a valid sriovc IR (schema/ir.schema.json)\n`,
    );
    expect(at('"irVersion": ')).toBe("2:16");
  });
  it("standard input is IR JSON when it starts with `{` (no .sriov program does), as a .json file is; errors name <stdin>", () => {
    const fromFile = sriovc(["simulate", "t.ir.json", "--format", "json"], { cwd: dir });
    const fromStdin = sriovc(["simulate", "-", "--format", "json"], { cwd: dir, input: `\uFEFF \n${JSON.stringify(ir)}` });
    expect(fromStdin).toEqual(fromFile);
    expect(sriovc(["compile", "-"], { cwd: dir, input: JSON.stringify(ir) })).toEqual(sriovc(["compile", "t.ir.json"], { cwd: dir }));
    const bad = sriovc(["simulate", "-"], { cwd: dir, input: BAD_IR });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe(sriovc(["simulate", "bad.ir.json"], { cwd: dir }).stdout.replaceAll("bad.ir.json", "<stdin>"));
    // What is not JSON says why it was read as JSON, and how to have it read as `.sriov`.
    const readAsIr = "standard input is read as IR JSON when it starts with '{' (no .sriov program does): give a .sriov program as a file, by its name";
    expect(sriovc(["compile", "-"], { cwd: dir, input: '{ "irVersion": ' })).toEqual({ code: 1, stdout: `<stdin>:1:16: not valid JSON: Unexpected end of JSON input; ${readAsIr}\n`, stderr: "" });
    expect(sriovc(["simulate", "-"], { cwd: dir, input: "{\nhost h1 {\n  cores = 4\n}\n" })).toEqual({ code: 1, stdout: `<stdin>:2:1: not valid JSON: Expected property name or '}'; ${readAsIr}\n`, stderr: "" });
    // A file named .json is JSON by its name: nothing to explain.
    writeFileSync(path.join(dir, "half.ir.json"), '{ "irVersion": ');
    expect(sriovc(["compile", "half.ir.json"], { cwd: dir }).stdout).toBe("half.ir.json:1:16: not valid JSON: Unexpected end of JSON input\n");
    expect(sriovc(["simulate", "-", "--what-if", "h1.web1.eth0=vf"], { cwd: dir, input: JSON.stringify(ir) }).stderr).toBe(
      "sriovc: --what-if needs the .sriov source: the interface is re-attached there and lowered again\n",
    );
    // A .sriov program on standard input is still compiled as one, comments first or not.
    const source = "// a lab\nhost h1 {\n  cores = 4\n}\n";
    expect(sriovc(["compile", "-"], { cwd: dir, input: source }).code).toBe(0);
  });
  it("usage errors exit 2 with one line", () => {
    expect(sriovc(["simulate", "nope.ir.json"], { cwd: dir })).toEqual({ code: 2, stdout: "", stderr: "sriovc: cannot read 'nope.ir.json': no such file\n" });
    expect(sriovc(["simulate", "t.ir.json", "--what-if", "h1.web1.eth0=sriov"], { cwd: dir }).stderr).toBe(
      "sriovc: --what-if h1.web1.eth0=sriov: unknown data path 'sriov'; expected one of pf, vswitch, vmdq, vf, vdpa, vswitch(NAME), kernel, dpdk\n",
    );
    expect(sriovc(["simulate", "t.ir.json", "--duration", "10"], { cwd: dir }).stderr).toBe("sriovc: --duration expects a duration such as 100ms, 2s or 500us, got '10'\n");
  });
  it("a run that exhausts the event budget stops with a clear message, exit 2", () => {
    const out = sriovc(["simulate", "t.ir.json", "--event-budget", "500"], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^sriovc: simulation stopped: the event budget of 500 events ran out at/);
  });
});

describe("what-ifs and comparisons, from the source", () => {
  const pathsDir = tempTree({
    "paths.sriov": `host h1 {
  cores = 8
  hypervisor_cores = 0..0
  nic x710 { model = "intel-x710"  pf pf0 { vfs = 8  vmdq_pools = 8 } }
  vswitch br0 { uplinks = [x710.pf0] }
  vm web1 { vcpus = 1  pin = 4..4  iface eth0 { attach = vswitch(br0) } }
}
traffic t1 { to = h1.web1.eth0  rate = 200Kpps  pattern = poisson }
simulation { duration = 5ms  warmup = 500us  seed = 42 }
`,
  });
  it("--what-if re-attaches an interface for the run", () => {
    const report = JSON.parse(sriovc(["simulate", "paths.sriov", "--format", "json", "--what-if", "h1.web1.eth0=vf"], { cwd: pathsDir }).stdout);
    expect(report.interfaces[0].path).toBe("vf");
    expect(report.interfaces[0].counts.copies).toBe(0);
  });
  it("--compare adds every path the interface could use", () => {
    const out = sriovc(["simulate", "paths.sriov", "--compare"], { cwd: pathsDir });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/Data paths compared[^\n]*\n/);
    const json = JSON.parse(sriovc(["simulate", "paths.sriov", "--compare", "--format", "json"], { cwd: pathsDir }).stdout);
    expect(json.comparison.map((r: { path: string; current: boolean }) => [r.path, r.current])).toEqual([
      ["vswitch", true],
      ["vmdq", false],
      ["vf", false],
      // The declared path with a DPDK poll-mode driver in the guest (virtio-pmd).
      ["vswitch+dpdk", false],
    ]);
  });
  it("a what-if the interface cannot take is a usage error", () => {
    expect(sriovc(["simulate", "paths.sriov", "--what-if", "h1.web1.eth0=pf"], { cwd: pathsDir })).toEqual({
      code: 2,
      stdout: "",
      stderr: "sriovc: --what-if: cannot re-attach 'h1.web1.eth0' on pf: pf(...) is only for a host's own interfaces\n",
    });
  });
});

describe("--what-if is checked: what the rules find in the what-if's topology and not in the declared one", () => {
  const whatIfDir = tempTree({
    "pod.sriov": `host w1 {
  cores = 8
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    pf p0 { vfs = 4 }
  }
  container upf {
    pin = 2..3
    iface n3 { attach = vf(e810.p0) }
  }
}
traffic t { to = w1.upf.n3  rate = 100Kpps }
simulation { duration = 2ms  seed = 1 }
`,
    "acl.sriov": `host h1 {
  cores = 8
  hypervisor_cores = 0..0
  nic x710 { model = "intel-x710"  pf pf0 { vfs = 8  vmdq_pools = 8 } }
  vswitch br0 { uplinks = [x710.pf0]  features = [acl] }
  vm web1 { vcpus = 1  pin = 4..4  iface eth0 { attach = vswitch(br0) } }
}
traffic t1 { to = h1.web1.eth0  rate = 200Kpps }
simulation { duration = 2ms  seed = 1 }
`,
  });
  it("an error the what-if brings stops the run as a declared one does (exit 1, no report), labelled with the what-if", () => {
    expect(sriovc(["simulate", "pod.sriov", "--format", "json"], { cwd: whatIfDir }).code).toBe(0);
    expect(sriovc(["simulate", "pod.sriov", "--format", "json", "--what-if", "w1.upf.n3=dpdk"], { cwd: whatIfDir })).toEqual({
      code: 1,
      stdout: [
        "pod.sriov:10:25: error[dpdk-without-hugepages]: what-if w1.upf.n3=dpdk: upf.n3 runs a DPDK poll-mode",
        "    driver (`driver = dpdk`), but container upf has no hugepages: DPDK takes its memory from",
        "    hugepages and does not start without them",
        "     9 |     pin = 2..3",
        "  > 10 |     iface n3 { attach = vf(e810.p0) }",
        "       |                         ^^^^^^^^^^^",
        "  note: pod.sriov:8:13: container upf is declared here, without `hugepages`",
        "    7 |   }",
        "  > 8 |   container upf {",
        "      |             ^^^",
        "  help: give the pod hugepages: `hugepages = 1GiB` (or `2MiB`) and `hugepages_memory = …` in",
        "        container upf (Kubernetes' `hugepages-1Gi` resource, which the node reserves at boot)",
        "",
        "1 error, 0 warnings in 1 file",
        "",
      ].join("\n"),
      stderr: "",
    });
  });
  it("a warning the what-if brings goes to standard error with check's other warnings, and the run goes on", () => {
    expect(sriovc(["simulate", "acl.sriov", "--format", "json"], { cwd: whatIfDir }).stderr).toBe("");
    const out = sriovc(["simulate", "acl.sriov", "--format", "json", "--what-if", "h1.web1.eth0=vf"], { cwd: whatIfDir });
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout).interfaces[0].path).toBe("vf");
    expect(out.stderr).toBe(
      [
        "acl.sriov:6:58: warning[sriov-bypasses-vswitch]: what-if h1.web1.eth0=vf: web1.eth0 uses SR-IOV",
        "    (`vf(x710.pf0)`), so its traffic bypasses vSwitch br0: acl does not apply to it",
        "sriovc: 1 warning from 'sriovc check' (--verbose lists every warning and info in full)",
        "",
      ].join("\n"),
    );
  });
});

describe("sriovc compile --emit ir", () => {
  it("writes a valid IR atomically", () => {
    const out = sriovc(["compile", "t.ir.json", "-o", "again.ir.json"], { cwd: dir });
    expect(out).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(validateIr(JSON.parse(readFileSync(path.join(dir, "again.ir.json"), "utf8"))).ok).toBe(true);
  });
});

describe("from .sriov sources", () => {
  const source = `host h1 {
  cores = 4
  hypervisor_cores = 0..0
  nic n { model = "intel-x710"  pf p0 { vfs = 2  itr = 20us } }
  vm web { vcpus = 1  pin = 2..2  iface eth0 { attach = vf(n.p0)  description = "front \\"end\\" </script>" } }
}
traffic t { to = h1.web.eth0  rate = 200Kpps  pattern = poisson }
simulation { duration = 5ms  seed = 7 }
`;
  const src = tempTree({ "lab.sriov": source, "broken.sriov": source.replace("vf(n.p0)", "vf(n.p9)"), "legacy/sriovc.json": '{ "profile": "legacy-no-posted" }', "legacy/lab.sriov": source });
  it("simulate checks, lowers and runs; compile --emit ir gives a valid IR with spans and descriptions", () => {
    const out = sriovc(["simulate", "lab.sriov", "--format", "json"], { cwd: src });
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect([report.seed, report.duration_s, report.interfaces[0].id, report.interfaces[0].path]).toEqual([7, 0.005, "h1.web.eth0", "vf"]);
    expect(report.interfaces[0].description).toBe('front "end" </script>');
    const compiled = sriovc(["compile", "lab.sriov"], { cwd: src });
    const ir = JSON.parse(compiled.stdout);
    expect(validateIr(ir).ok).toBe(true);
    expect(ir.ifaces[0].span).toEqual({ file: "lab.sriov", line: 5, column: 35, endLine: 5, endColumn: 108 });
    expect(ir.costs.profile).toBe("default");
  });
  it("the same from standard input", () => {
    const fromFile = sriovc(["simulate", "lab.sriov", "--format", "json"], { cwd: src });
    expect(sriovc(["simulate", "-", "--format", "json"], { cwd: src, input: source }).stdout).toBe(fromFile.stdout);
  });
  it("the configuration's profile applies when the source names none", () => {
    expect(JSON.parse(sriovc(["compile", "lab.sriov"], { cwd: path.join(src, "legacy") }).stdout).costs.profile).toBe("legacy-no-posted");
  });
  it("check errors stop compile and simulate with exit 1, and no output file", () => {
    const out = sriovc(["compile", "broken.sriov", "-o", "broken.ir.json"], { cwd: src });
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/^broken\.sriov:5:\d+: error\[unknown-reference\]/);
    expect(sriovc(["simulate", "broken.sriov"], { cwd: src }).code).toBe(1);
    expect(existsSync(path.join(src, "broken.ir.json"))).toBe(false);
  });
});
