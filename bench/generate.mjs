#!/usr/bin/env node
// Generates a valid `.sriov` topology of a given size: hosts with an Intel E810 (two PFs, 64 VFs on the
// first), a vSwitch with features, VMs on all four data paths (bare metal, vSwitch, VMDq, SR-IOV) and
// traffic to every fourth interface. Plain ESM without dependencies, so it runs without a build and is
// imported by the bench harness, the fuzz script and the robustness tests.
//
// The topology is built first as data — the *declared* topology, what a user writes and nothing more (no
// spans, no defaults, no derived values), in the shape bench/declared.schema.json describes — and the
// `.sriov` text is printed from that data. So the YAML and JSON baselines of the bench (the same data
// written by `YAML.stringify` / `JSON.stringify`) carry exactly the information of the `.sriov` file;
// only its comments are not in them.
//
//   node bench/generate.mjs --lines 100000 [--varied] [--out FILE] [--ir FILE] [--yaml FILE] [--json FILE]
//
// `--varied`: no two hosts alike (rates, interrupt interval and VF count vary by host), where the default
// repeats one host template under other names.
// `--yaml` / `--json` write the declared topology; `--ir` the lowered IR JSON (needs `npm run build`: it
// lowers with the project's own stages).
import { writeFileSync } from "node:fs";

/** VF VMs per host: one per VF of pf0, so every one of its 64 VFs is assigned. */
export const VFS_PER_HOST = 64;

function hex2(n) {
  return n.toString(16).padStart(2, "0");
}

/** A unique locally administered MAC per (host, interface). */
function mac(host, index) {
  return `52:54:${hex2((host >> 8) & 0xff)}:${hex2(host & 0xff)}:${hex2((index >> 8) & 0xff)}:${hex2(index & 0xff)}`;
}

/**
 * One host as declared data: `{ name, host, traffic }`, the host's body and the traffic blocks that feed
 * it (keyed by name). `vfVms` (≤ 64) lets the last host be partial so the file lands close to the
 * requested size. `varied`: no two hosts alike — each host's traffic rates are its own (100 + h Kpps, and
 * 50 + h Kpps for the bursty sources), and its interrupt interval (20–80 us) and VF count (60–64) vary
 * with its number — for measuring what does not depend on a fleet built from one template.
 */
export function declaredHost(h, vfVms, varied = false) {
  const name = `h${h}`;
  if (varied) vfVms = Math.min(vfVms, VFS_PER_HOST - (h % 5));
  const itr = varied ? `${20 + (h % 7) * 10}us` : "50us";
  const vmdqVms = 4;
  const vswitchVms = 4;
  const vcpus = vfVms + vmdqVms + vswitchVms;
  // Hypervisor cores 0..1, one core per VM after that, rounded up to a whole number of NUMA halves.
  const cores = Math.max(16, Math.ceil((vcpus + 2) / 8) * 8);
  const host = {
    description: `rack ${Math.floor(h / 40)}, unit ${h % 40}`,
    cores,
    freq: "2.5GHz",
    numa_nodes: 1,
    hypervisor: "kvm",
    hypervisor_cores: "0..1",
    iommu: true,
    posted_interrupts: true,
    nics: {
      e810: {
        model: "intel-e810",
        numa: 0,
        pfs: {
          pf0: { pci: "0000:3b:00.0", speed: "100Gbps", vfs: vfVms, vmdq_pools: vmdqVms, itr },
          pf1: { pci: "0000:3b:00.1", speed: "100Gbps", itr: "50us" },
        },
      },
    },
    vswitches: { br0: { type: "ovs", uplinks: ["e810.pf1"], features: ["security_groups", "acl", "mirroring"] } },
    // Bare metal: the host's own stack.
    ifaces: { mgmt: { attach: { pf: "e810.pf1" } } },
    vms: {},
  };
  const targets = [`${name}.mgmt`];
  let core = 2;
  let macIndex = 1;
  const vm = (vmName, iface) => {
    host.vms[vmName] = { vcpus: 1, pin: core, ifaces: { eth0: iface } };
    targets.push(`${name}.${vmName}.eth0`);
    core += 1;
  };
  for (let i = 0; i < vswitchVms; i += 1) vm(`sw${i}`, { attach: { vswitch: "br0" }, requires: ["security_groups"] });
  for (let i = 0; i < vmdqVms; i += 1) vm(`vq${i}`, { attach: { vmdq: "e810.pf0" }, mac: mac(h, macIndex++) });
  for (let i = 0; i < vfVms; i += 1) vm(`vf${i}`, { attach: { vf: "e810.pf0", index: i }, mac: mac(h, macIndex++), vlan: 100 + (i % 8) });
  const traffic = {};
  targets.forEach((to, i) => {
    if (i % 4 !== 0) return;
    const bursty = i % 8 === 4;
    const rate = varied ? `${(bursty ? 50 : 100) + h}Kpps` : bursty ? "50Kpps" : "100Kpps";
    const t = { to, rate, size: i % 3 === 0 ? "imix" : "64B", pattern: bursty ? { burst: 8 } : "poisson" };
    if (!(to.endsWith(".mgmt") || to.includes(".sw"))) t.vlan = to.includes(".vf") ? 100 + (Number(to.split(".vf")[1]?.split(".")[0]) % 8) : "none";
    traffic[`${name}_t${i}`] = t;
  });
  return { name, host, traffic };
}

// ---- printing the declared data as `.sriov`

/** Keys whose values are collections of nested blocks, and the block kind of each member. */
const BLOCK_KEYS = { nics: "nic", pfs: "pf", vswitches: "vswitch", ifaces: "iface", vms: "vm" };
/** Attributes whose values are string literals in `.sriov` (the rest are words, numbers and quantities). */
const QUOTED = new Set(["description", "model", "profile"]);

function printValue(key, value) {
  if (QUOTED.has(key)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    // A call: `{ vf: "e810.pf0", index: 3 }` is `vf(e810.pf0, 3)`, `{ burst: 8 }` is `burst(8)`.
    const [[fn, first], ...rest] = Object.entries(value);
    return `${fn}(${[first, ...rest.map(([, v]) => v)].join(", ")})`;
  }
  return String(value);
}

function printBlock(out, kind, name, body, indent) {
  out.push(`${indent}${kind}${name === "" ? "" : ` ${name}`} {`);
  const inner = `${indent}  `;
  for (const [key, value] of Object.entries(body)) {
    const childKind = BLOCK_KEYS[key];
    if (childKind === undefined) {
      out.push(`${inner}${key} = ${printValue(key, value)}`);
      continue;
    }
    for (const [childName, child] of Object.entries(value)) {
      // Nested blocks are set apart by a blank line, except a VM's interfaces.
      if (kind !== "vm") out.push(``);
      if (kind === "host" && childKind === "iface") out.push(`${inner}// Bare metal: the host's own stack.`);
      printBlock(out, childKind, childName, child, inner);
    }
  }
  out.push(`${indent}}`);
}

/** One host and its traffic as lines of `.sriov`. */
function hostLines(h, vfVms, varied = false) {
  const { name, host, traffic } = declaredHost(h, vfVms, varied);
  const out = [];
  printBlock(out, "host", name, host, "");
  for (const [trafficName, body] of Object.entries(traffic)) {
    out.push(``);
    printBlock(out, "traffic", trafficName, body, "");
  }
  out.push(``);
  return out;
}

/** Lines of one full host with its traffic, to size a topology without generating it twice. */
export const LINES_PER_HOST = hostLines(0, VFS_PER_HOST).length;

/**
 * A valid topology of `lines` lines (at least one host, so a small target may be exceeded): full hosts,
 * then a last host with as many VF VMs as fit, then comment lines up to the exact count.
 * Returns the source, the declared data it was printed from (`declared`), and what it holds. `varied`: no
 * two hosts alike (see `declaredHost`).
 */
export function generateTopology({ lines = 1000, durationMs = 1, varied = false } = {}) {
  const simulation = { duration: `${durationMs}ms`, warmup: "0ms", seed: 7 };
  const declared = { simulation, hosts: {}, traffic: {} };
  const out = [`// Generated by bench/generate.mjs: about ${lines} lines, every data path on every host.`, ``];
  printBlock(out, "simulation", "", simulation, "");
  out.push(``);
  let hosts = 0;
  let vms = 0;
  while (out.length < lines) {
    const remaining = lines - out.length;
    // Full hosts while a full one leaves room for another; then at most two partial hosts with as many VF
    // VMs as fit, and a few comment lines make up the rest exactly.
    const base = hostLines(hosts, 0, varied).length;
    const last = remaining <= LINES_PER_HOST;
    const room = remaining >= LINES_PER_HOST + base ? Infinity : last ? remaining : remaining - base;
    let vfVms = VFS_PER_HOST;
    while (vfVms > 0 && hostLines(hosts, vfVms, varied).length > room) vfVms -= 1;
    out.push(...hostLines(hosts, vfVms, varied));
    const { name, host, traffic } = declaredHost(hosts, vfVms, varied);
    declared.hosts[name] = host;
    Object.assign(declared.traffic, traffic);
    hosts += 1;
    vms += Object.keys(host.vms).length;
    if (last) break;
  }
  while (out.length < lines) out.push("// padding to the requested size");
  const source = `${out.join("\n")}\n`;
  return { source, declared, lines: out.length, hosts, vms };
}

/**
 * The equivalent IR of a generated source, lowered by the built project (dist/). Async because it imports
 * dist lazily: the generator itself must run without a build.
 */
export async function lowerToIr(source, file = "generated.sriov") {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { checkEntries } = await import("../dist/driver/workspace.js");
  const { lowerModel } = await import("../dist/lower/lower.js");
  const dir = mkdtempSync(join(tmpdir(), "sriovc-gen-"));
  try {
    const path = join(dir, file);
    writeFileSync(path, source);
    const result = checkEntries([path]);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) throw new Error(`generated topology has errors: ${errors[0].rule}: ${errors[0].message}`);
    const model = result.programs[0]?.model;
    if (!model) throw new Error("generated topology did not resolve");
    const lowered = lowerModel(model);
    if (!lowered.ok) throw new Error(`generated topology did not lower: ${JSON.stringify(lowered.errors[0])}`);
    return lowered.ir;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const lines = Number(argValue("--lines") ?? 1000);
  const varied = process.argv.includes("--varied");
  if (!Number.isInteger(lines) || lines < 1) {
    process.stderr.write("generate: --lines must be a positive integer\n");
    process.exit(2);
  }
  const { source, declared, hosts, vms, lines: actual } = generateTopology({ lines, varied });
  const outPath = argValue("--out");
  if (outPath) writeFileSync(outPath, source);
  else process.stdout.write(source);
  const irPath = argValue("--ir");
  if (irPath) writeFileSync(irPath, `${JSON.stringify(await lowerToIr(source))}\n`);
  const jsonPath = argValue("--json");
  if (jsonPath) writeFileSync(jsonPath, `${JSON.stringify(declared, null, 2)}\n`);
  const yamlPath = argValue("--yaml");
  if (yamlPath) writeFileSync(yamlPath, (await import("yaml")).stringify(declared));
  process.stderr.write(`generate: ${actual} lines, ${hosts} hosts, ${vms} VMs\n`);
}
