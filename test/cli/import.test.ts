/** `sriovc import` and `sriovc compile --emit k8s|libvirt|netplan` through the built CLI: exit codes, files, messages. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, REPO, sriovc } from "../helpers/cli.js";
import { tempTree } from "../helpers/tmp.js";
import { NODE_STATE, network, policy } from "../helpers/check-interop.js";

describe("sriovc import", () => {
  it("writes a formatted program with -o; what it leaves out goes to stderr at its line; exit 0", () => {
    const dir = tempTree({ "state.yaml": NODE_STATE, "p.yaml": policy({ extra: "  isRdma: true\n" }), "n.yaml": network("  resourceName: intelnics\n  vlan: 10\n") });
    const run = sriovc(["import", "k8s", "state.yaml", "p.yaml", "n.yaml", "-o", "out.sriov"], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("p.yaml:13:11: warning[import-unmapped]: `isRdma: true` on netdevice VFs");
    const out = readFileSync(path.join(dir, "out.sriov"), "utf8");
    expect(out.startsWith("// Imported by sriovc import k8s from state.yaml, p.yaml, n.yaml.\n")).toBe(true);
    expect(sriovc(["fmt", "--check", "out.sriov"], { cwd: dir }).code).toBe(0);
    expect(sriovc(["check", "out.sriov"], { cwd: dir }).code).toBe(0);
  });

  it("fmt names a YAML or XML file as no .sriov file and leaves it alone (exit 2); the .sriov files named with it are formatted", () => {
    const dir = tempTree({ "state.yaml": NODE_STATE, "a.sriov": "host a {\ncores=4\n}\n" });
    const run = sriovc(["fmt", "--write", "state.yaml", "a.sriov"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("sriovc: 'state.yaml' is not a .sriov file: fmt formats .sriov files (sriovc check reads operator YAML/JSON and libvirt XML)\n");
    expect(readFileSync(path.join(dir, "state.yaml"), "utf8")).toBe(NODE_STATE);
    expect(readFileSync(path.join(dir, "a.sriov"), "utf8")).toBe("host a {\n  cores = 4\n}\n");
  });

  it("input errors: printed at their line, exit 1, nothing written", () => {
    const dir = tempTree({ "bad.xml": "<domain>\n  <name>a</nam>\n</domain>\n" });
    const run = sriovc(["import", "libvirt", "bad.xml", "-o", "out.sriov"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("bad.xml:2:9: error[input-syntax]: XML: Opening and ending tag mismatch");
    expect(existsSync(path.join(dir, "out.sriov"))).toBe(false);
  });

  it("- reads standard input, as check - does: the same program, findings and header naming <stdin>", () => {
    const yaml = policy({ extra: "  isRdma: true\n" });
    const dir = tempTree({ "p.yaml": yaml });
    const fromFile = sriovc(["import", "k8s", "p.yaml"], { cwd: dir });
    const fromStdin = sriovc(["import", "k8s", "-"], { cwd: dir, input: yaml });
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout.replaceAll("p.yaml", "<stdin>"));
    expect(fromStdin.stdout.startsWith("// Imported by sriovc import k8s from <stdin>.\n")).toBe(true);
    // The same findings; a longer name moves where a message wraps, so white space is compared as one space.
    const unwrapped = (text: string) => text.replace(/\s+/g, " ");
    expect(unwrapped(fromStdin.stderr)).toBe(unwrapped(fromFile.stderr.replaceAll("p.yaml", "<stdin>")));
    expect(fromStdin.stderr).toContain("<stdin>:13:11: warning[import-unmapped]: `isRdma: true` on netdevice VFs");
    // libvirt XML, and `ip -d link show` piped into `import host -`.
    const bad = sriovc(["import", "libvirt", "-"], { input: "<domain>\n  <name>a</nam>\n</domain>\n" });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("<stdin>:2:9: error[input-syntax]: XML: Opening and ending tag mismatch");
    const ipLink = readFileSync(path.join(REPO, "test/fixtures/interop/host/ip-link/iproute2-detailed.txt"), "utf8");
    const piped = sriovc(["import", "host", "--host", "lab", "-"], { input: ipLink });
    const named = sriovc(["import", "host", "--host", "lab", "test/fixtures/interop/host/ip-link/iproute2-detailed.txt"]);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(named.stdout.replaceAll("test/fixtures/interop/host/ip-link/iproute2-detailed.txt", "<stdin>"));
    expect(piped.stderr).toBe(named.stderr.replaceAll("test/fixtures/interop/host/ip-link/iproute2-detailed.txt", "<stdin>"));
  });

  it("a file named twice (overlapping globs, ./a and a, - twice) is read once, as check reads it: no PF written twice", () => {
    const dir = tempTree({ "state.yaml": NODE_STATE });
    const once = sriovc(["import", "k8s", "state.yaml"], { cwd: dir });
    expect(once.code).toBe(0);
    expect(sriovc(["import", "k8s", "state.yaml", "./state.yaml"], { cwd: dir })).toEqual(once);
    expect(sriovc(["import", "k8s", "-", "-"], { cwd: dir, input: NODE_STATE })).toEqual(sriovc(["import", "k8s", "-"], { cwd: dir, input: NODE_STATE }));
  });

  it("usage errors: an unknown format, a missing file, no file (exit 2, no stack trace)", () => {
    const unknown = sriovc(["import", "vmware", "x"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("command-argument value 'vmware' is invalid for argument 'format'. Allowed choices are k8s, libvirt, host.");
    const missing = sriovc(["import", "k8s", "nope.yaml"]);
    expect(missing).toMatchObject({ code: 2, stderr: "sriovc: cannot read 'nope.yaml': no such file\n" });
    expect(sriovc(["import", "libvirt"])).toMatchObject({ code: 2, stderr: "sriovc: import libvirt needs at least one file\n" });
  });

  it("host from a captured sysfs tree and ip link output (--ip-link)", () => {
    const run = sriovc(["import", "host", "--sysfs", "test/fixtures/interop/host/sysfs", "--ip-link", "test/fixtures/interop/host/ip-link/iproute2-detailed.txt", "--host", "lab"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("  iface ens1f0_vf2 {\n    attach = vf(nic_3b_00.ens1f0, 2)\n");
    expect(run.stdout).toContain('  nic nic_3b_00 {\n    model = "intel-x710"\n    numa = 1\n\n    pf ens1f0 {\n      pci = 0000:3b:00.0\n');
  });

  it("host without --host from a captured tree, or on a machine named `vm`: a valid name, not a keyword (exit 0)", () => {
    // A tree that records no host name is named after its directory, past `sys`/`sysfs` and words that are no
    // name: the fixture's `host/sysfs` is `interop`; it was `host_`, and before that `host`, which did not parse.
    const captured = sriovc(["import", "host", "--sysfs", "test/fixtures/interop/host/sysfs", "--ip-link", "test/fixtures/interop/host/ip-link/iproute2-detailed.txt"]);
    expect(captured.stderr).toBe("");
    expect(captured.code).toBe(0);
    expect(captured.stdout).toContain("// named after the directory `interop` of test/fixtures/interop/host/sysfs (no host name in the input: --host NAME gives one)\nhost interop {\n");
    const dir = tempTree({ "captures/edge-7/sys/class/net/ens1f0/device/sriov_totalvfs": "8\n", "captures/edge-7/sys/class/net/ens1f0/device/sriov_numvfs": "2\n" });
    const edge = sriovc(["import", "host", "--sysfs", "captures/edge-7/sys"], { cwd: dir });
    expect(edge).toMatchObject({ code: 0, stderr: "" });
    expect(edge.stdout).toContain("\nhost edge-7 {\n");
    expect(sriovc(["check", "-"], { cwd: dir, input: edge.stdout }).code).toBe(0);
    // `hostname` may be any block keyword or literal word (`vm`, `pf`, `true`).
    for (const name of ["vm", "pf", "traffic", "true", "auto"]) {
      const named = sriovc(["import", "host", "--sysfs", "test/fixtures/interop/host/sysfs", "--host", name]);
      expect(named.stderr).toBe("");
      expect(named.code).toBe(0);
      expect(named.stdout).toContain(`\nhost ${name}_ {\n`);
    }
  });
});

describe("sriovc check on YAML and XML", () => {
  it("SARIF and GitHub annotations point at the YAML line", () => {
    const dir = tempTree({ "state.yaml": NODE_STATE, "p.yaml": policy({ numVfs: 96 }) });
    const github = sriovc(["check", "--format", "github", "state.yaml", "p.yaml"], { cwd: dir });
    expect(github.code).toBe(1);
    expect(github.stdout).toContain("::error file=p.yaml,line=10,col=11,endLine=10,endColumn=13,title=policy-numvfs-exceeds-totalvfs::");
    const sarif = JSON.parse(sriovc(["check", "--format", "sarif", "state.yaml", "p.yaml"], { cwd: dir }).stdout);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "policy-numvfs-exceeds-totalvfs");
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: "p.yaml" }, region: { startLine: 10, startColumn: 11, endLine: 10, endColumn: 13 } });
  });

  it("a finding in libvirt XML is located at its line in every output format", () => {
    const dir = tempTree({ "bad.xml": "<domain type='kvm'>\n  <name>a</nam>\n</domain>\n" });
    const where = "bad.xml:2:9";
    expect(sriovc(["check", "--format", "pretty", "bad.xml"], { cwd: dir }).stdout).toContain(`${where}: error[input-syntax]: XML: Opening and ending tag mismatch`);
    const json = JSON.parse(sriovc(["check", "--format", "json", "bad.xml"], { cwd: dir }).stdout) as { file: string; rule: string; range: { start: { line: number; column: number } } }[];
    expect(json.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column} ${d.rule}`)).toEqual([`${where} input-syntax`]);
    expect(sriovc(["check", "--format", "github", "bad.xml"], { cwd: dir }).stdout).toContain("::error file=bad.xml,line=2,col=9,");
    const sarif = JSON.parse(sriovc(["check", "--format", "sarif", "bad.xml"], { cwd: dir }).stdout);
    expect(sarif.runs[0].results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => `${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region.startLine}:${r.locations[0]!.physicalLocation.region.startColumn} ${r.ruleId}`)).toEqual([`${where} input-syntax`]);
  });

  it("a missing YAML file is a usage error", () => {
    expect(sriovc(["check", "nope.yaml"]).code).toBe(2);
  });
});

describe("sriovc compile --emit", () => {
  it("k8s to stdout with the warnings on stderr", () => {
    const run = sriovc(["compile", "samples/four-data-paths.sriov", "--emit", "k8s"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("kind: SriovNetworkNodePolicy");
    expect(run.stderr).toContain("samples/four-data-paths.sriov:55:5: warning: `kvm1.via_vswitch.eth0` uses a vSwitch port: operator objects describe VFs only");
  });

  it("libvirt and netplan into a directory, one file each", () => {
    const dir = tempTree({});
    expect(sriovc(["compile", "samples/four-data-paths.sriov", "--emit", "libvirt", "-o", `${dir}/lv/`]).code).toBe(0);
    expect(["via_vf.xml", "via_vswitch.xml", "via_vmdq.xml", "network-kvm1-x710-pf0.xml"].every((f) => existsSync(path.join(dir, "lv/kvm1", f)))).toBe(true);
    expect(sriovc(["compile", "samples/four-data-paths.sriov", "--emit", "netplan", "-o", `${dir}/np/`]).code).toBe(0);
    expect(readFileSync(path.join(dir, "np/kvm1/60-sriovc.yaml"), "utf8")).toContain("virtual-function-count: 1");
  });

  it("-o DIR/ where a file stands in the way of a host's directory: a usage error naming the file, not an internal error", () => {
    const topology = 'host h1 {\n  nic x710 {\n    model = "intel-x710"\n    pf pf0 { vfs = 4 }\n  }\n  container c { iface eth0 { attach = vf(x710.pf0) } }\n}\n';
    const dir = tempTree({ "t.sriov": topology, "np/h1": "not a directory\n", file: "" });
    const run = sriovc(["compile", "t.sriov", "--emit", "netplan", "-o", "np/"], { cwd: dir });
    expect(run).toEqual({ code: 2, stdout: "", stderr: "sriovc: cannot write 'np/h1/60-sriovc.yaml': a part of the path is not a directory\n" });
    expect(readFileSync(path.join(dir, "np/h1"), "utf8")).toBe("not a directory\n");
    const below = sriovc(["compile", "t.sriov", "--emit", "netplan", "-o", "file/np/"], { cwd: dir });
    expect(below).toEqual({ code: 2, stdout: "", stderr: "sriovc: cannot write 'file/np/h1/60-sriovc.yaml': a part of the path is not a directory\n" });
  });

  it("compile and simulate of operator YAML/JSON or libvirt XML say which command reads it, not 'nothing to compile' or the IR schema's errors", () => {
    const dir = tempTree({ "p.yaml": policy(), "p.json": JSON.stringify({ apiVersion: "sriovnetwork.openshift.io/v1", kind: "SriovNetworkNodePolicy", metadata: { name: "a" }, spec: {} }), "d.xml": "<domain type='kvm'><name>a</name></domain>\n" });
    const says = (file: string, format: string, what: string) =>
      `sriovc: '${file}' is ${what}, which compile and simulate do not read: \`sriovc import ${format} ${file} -o topology.sriov\` turns it into a .sriov file, and \`sriovc check ${file}\` checks it as it is\n`;
    expect(sriovc(["compile", "p.yaml"], { cwd: dir })).toEqual({ code: 2, stdout: "", stderr: says("p.yaml", "k8s", "operator YAML/JSON") });
    expect(sriovc(["compile", "p.json"], { cwd: dir })).toEqual({ code: 2, stdout: "", stderr: says("p.json", "k8s", "operator YAML/JSON") });
    expect(sriovc(["simulate", "d.xml"], { cwd: dir })).toEqual({ code: 2, stdout: "", stderr: says("d.xml", "libvirt", "libvirt XML") });
  });

  it("-o DIR/ where no directory can be made (procfs): a usage error, where Node's recursive mkdir would retry forever", () => {
    const topology = 'host h1 {\n  nic x710 {\n    model = "intel-x710"\n    pf pf0 { vfs = 4 }\n  }\n  container c { iface eth0 { attach = vf(x710.pf0) } }\n}\n';
    const dir = tempTree({ "t.sriov": topology });
    const run = spawnSync(process.execPath, [BIN, "compile", "t.sriov", "--emit", "netplan", "-o", "/proc/sriovc-none/"], { cwd: dir, encoding: "utf8", timeout: 20_000 });
    expect({ code: run.status, stderr: run.stderr }).toEqual({
      code: 2,
      stderr: "sriovc: cannot write '/proc/sriovc-none/h1/60-sriovc.yaml': the directory '/proc/sriovc-none' cannot be made there (ENOENT)\n",
    });
  });
});

describe("sriovc import and the configuration", () => {
  it("import-unmapped set to off in sriovc.json is not printed; an error setting makes the import fail", () => {
    const files = { "p.yaml": policy({ extra: "  isRdma: true\n" }) };
    const off = tempTree({ ...files, "sriovc.json": JSON.stringify({ rules: { "import-unmapped": "off" } }) });
    const quiet = sriovc(["import", "k8s", "p.yaml"], { cwd: off });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).not.toContain("import-unmapped");
    const strict = tempTree({ ...files, "sriovc.json": JSON.stringify({ rules: { "import-unmapped": "error" } }) });
    const failed = sriovc(["import", "k8s", "p.yaml"], { cwd: strict });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("error[import-unmapped]: `isRdma: true` on netdevice VFs");
  });
});
