// Engine throughput: events per second on a busy topology (four data paths, Poisson and bursts, imix).
// Run after `npm run build`: node bench/engine-speed.mjs [duration_ms]
import { effectiveCosts, loadProfile } from "../dist/lower/profiles.js";
import { buildPlan } from "../dist/sim/plan.js";
import { runPlan } from "../dist/sim/engine.js";

const durationNs = Number(process.argv[2] ?? 200) * 1e6;
const profile = loadProfile("default");
if (!profile.ok) throw new Error(profile.message);
const paths = [
  ["vf", { kind: "vf", pf: "h1.nic.pf0", vf: 0 }, 4, 4],
  ["vmdq", { kind: "vmdq", pf: "h1.nic.pf0", pool: 0 }, 5, 5],
  ["vswitch", { kind: "vswitch", vswitch: "h1.br0", pf: "h1.nic.pf0" }, 0, 6],
  ["vf2", { kind: "vf", pf: "h1.nic.pf0", vf: 1 }, 7, 7],
];
const ir = {
  irVersion: 2,
  hosts: [{ id: "h1", cores: 8, freqHz: 3e9, numaNodes: 1, hypervisor: "kvm", hypervisorCores: [0], iommu: true, postedInterrupts: true, overcommit: 1 }],
  nics: [{ id: "h1.nic", host: "h1", model: "intel-e810", numa: 0 }],
  pfs: [{ id: "h1.nic.pf0", host: "h1", nic: "h1.nic", pci: null, speedBps: 100e9, maxVfs: 64, vfs: 8, vmdqPools: 8, msix: 64, itrNs: 0, ring: 1024, mtu: 1500, queueCore: 0, vswitch: "h1.br0" }],
  vswitches: [{ id: "h1.br0", host: "h1", type: "ovs", uplinks: ["h1.nic.pf0"], features: ["acl"], offload: false }],
  vms: paths.map(([name, , , core]) => ({ id: `h1.${name}`, host: "h1", vcpus: 1, pin: [core], numa: 0, memoryBytes: 2 ** 32, liveMigration: false })),
  containers: [],
  ifaces: paths.map(([name, attachment, irqCore, core], i) => ({
    id: `h1.${name}.eth0`, host: "h1", vm: `h1.${name}`, container: null, attachment, driver: "kernel", queueCores: [core], offload: null, vswitch: "h1.br0", mac: `02:00:00:00:00:0${i + 1}`, vlan: null,
    spoofchk: true, trust: false, requires: [], rateLimitBps: null, mtu: 1500, irqCore, stackCore: core,
  })),
  traffic: paths.map(([name], i) => ({
    id: `t${i}`, from: { kind: "wire" }, to: { kind: "iface", iface: `h1.${name}.eth0` }, flows: 1, ratePps: 700_000, size: i % 2 ? { kind: "imix" } : { kind: "fixed", bytes: 64 },
    pattern: i === 3 ? { kind: "burst", n: 16 } : { kind: "poisson" }, vlan: null, startNs: 0, stopNs: null,
  })),
  simulation: { durationNs, warmupNs: durationNs / 10, seed: 1, profile: "default", eventBudget: 1e9 },
  costs: effectiveCosts(profile.profile),
};
const plan = buildPlan(ir);
runPlan({ ...plan, ir: { ...ir, simulation: { ...ir.simulation, durationNs: 5e6, warmupNs: 5e5 } } }); // warm up the JIT
const started = process.hrtime.bigint();
const result = runPlan(plan);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const rss = process.memoryUsage().rss / 2 ** 20;
console.log(`${result.events} events in ${seconds.toFixed(2)} s = ${(result.events / seconds / 1e6).toFixed(2)} M events/s; rss ${rss.toFixed(0)} MiB`);
