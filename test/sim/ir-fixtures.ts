/** Hand-built IR documents for simulator, report and schema tests (one host, one NIC, one receiving interface). */
import type { DataPath, Feature, Ir, IrIface, IrPacketSize, IrPattern, IrTraffic, VswitchType } from "../../src/lower/ir.js";
import { effectiveCosts, loadProfile } from "../../src/lower/profiles.js";

export interface FixtureOptions {
  path?: DataPath;
  ratePps?: number | null;
  size?: IrPacketSize;
  pattern?: IrPattern;
  itrNs?: number;
  itrAdaptive?: boolean;
  window?: number | null;
  vmNuma?: number;
  posted?: boolean;
  features?: Feature[];
  vswitchType?: VswitchType;
  durationNs?: number;
  warmupNs?: number;
  seed?: number;
  ring?: number;
  speedBps?: number;
  profile?: string;
  overrides?: Map<string, number>;
  description?: string;
  eventBudget?: number;
}

export function profileCosts(name = "default", overrides = new Map<string, number>()): Ir["costs"] {
  const loaded = loadProfile(name);
  if (!loaded.ok) throw new Error(loaded.message);
  return effectiveCosts(loaded.profile, overrides as Map<never, number>);
}

export function fixtureIr(options: FixtureOptions = {}): Ir {
  const path = options.path ?? "vf";
  const bare = path === "pf";
  const ifaceId = bare ? "h1.eth0" : "h1.web1.eth0";
  const attachment: IrIface["attachment"] =
    path === "vf"
      ? { kind: "vf", pf: "h1.x710.pf0", vf: 0 }
      : path === "vmdq"
        ? { kind: "vmdq", pf: "h1.x710.pf0", pool: 0 }
        : path === "vswitch"
          ? { kind: "vswitch", vswitch: "h1.br0", pf: "h1.x710.pf0" }
          : { kind: "pf", pf: "h1.x710.pf0" };
  const traffic: IrTraffic = {
    id: "t1",
    from: { kind: "wire" },
    to: ifaceId,
    ratePps: options.ratePps === undefined ? 200_000 : options.ratePps,
    window: options.window ?? null,
    size: options.size ?? { kind: "fixed", bytes: 64 },
    pattern: options.pattern ?? { kind: "poisson" },
    vlan: null,
    startNs: 0,
    stopNs: null,
    ...(options.description === undefined ? {} : { description: options.description }),
  };
  return {
    irVersion: 1,
    hosts: [
      {
        id: "h1",
        cores: 8,
        freqHz: 2.5e9,
        numaNodes: 1,
        hypervisor: bare ? "none" : "kvm",
        hypervisorCores: bare ? [] : [0],
        iommu: true,
        postedInterrupts: options.posted ?? true,
        overcommit: 1,
        ...(options.description === undefined ? {} : { description: options.description }),
      },
    ],
    nics: [{ id: "h1.x710", host: "h1", model: "intel-x710", numa: 0 }],
    pfs: [
      {
        id: "h1.x710.pf0",
        host: "h1",
        nic: "h1.x710",
        pci: "0000:3b:00.0",
        speedBps: options.speedBps ?? 10e9,
        maxVfs: 64,
        vfs: 8,
        vmdqPools: 8,
        msix: 129,
        itrNs: options.itrNs ?? 0,
        itrAdaptive: options.itrAdaptive ?? false,
        ring: options.ring ?? 512,
        mtu: 1500,
        queueCore: 0,
        vswitch: bare ? null : "h1.br0",
      },
    ],
    vswitches: bare ? [] : [{ id: "h1.br0", host: "h1", type: options.vswitchType ?? "ovs", uplinks: ["h1.x710.pf0"], features: options.features ?? [] }],
    vms: bare ? [] : [{ id: "h1.web1", host: "h1", vcpus: 1, pin: [4], numa: options.vmNuma ?? 0, memoryBytes: 4 * 2 ** 30, liveMigration: false }],
    ifaces: [
      {
        id: ifaceId,
        host: "h1",
        vm: bare ? null : "h1.web1",
        attachment,
        vswitch: bare ? null : "h1.br0",
        mac: "02:00:00:00:00:01",
        vlan: null,
        spoofchk: true,
        trust: false,
        requires: [],
        rateLimitBps: null,
        mtu: 1500,
        irqCore: path === "vswitch" ? 0 : 4,
        stackCore: 4,
      },
    ],
    traffic: [traffic],
    simulation: {
      durationNs: options.durationNs ?? 20_000_000,
      warmupNs: options.warmupNs ?? 2_000_000,
      seed: options.seed ?? 42,
      profile: options.profile ?? "default",
      eventBudget: options.eventBudget ?? 50_000_000,
    },
    costs: profileCosts(options.profile ?? "default", options.overrides),
  };
}
