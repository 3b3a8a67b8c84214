// The simulation engine's bench input and baseline (bench/run.mjs, section "engine"): a one-host IR whose N
// Poisson sources each keep one event pending, and a bare Float64Array binary heap that pops the earliest
// of N pending times and pushes a successor, for the same number of events.
/** A one-host IR with `sources` Poisson traffic sources spread over the four data paths: each source always holds one pending event. */
export function engineIr(profiles, sources, durationNs) {
  const profile = profiles.loadProfile("default");
  if (!profile.ok) throw new Error(profile.message);
  const paths = [
    ["vf", { kind: "vf", pf: "h1.nic.pf0", vf: 0 }, 4, 4],
    ["vmdq", { kind: "vmdq", pf: "h1.nic.pf0", pool: 0 }, 5, 5],
    ["vswitch", { kind: "vswitch", vswitch: "h1.br0", pf: "h1.nic.pf0" }, 0, 6],
    ["vf2", { kind: "vf", pf: "h1.nic.pf0", vf: 1 }, 7, 7],
  ];
  return {
    irVersion: 1,
    hosts: [{ id: "h1", cores: 8, freqHz: 3e9, numaNodes: 1, hypervisor: "kvm", hypervisorCores: [0], iommu: true, postedInterrupts: true, overcommit: 1 }],
    nics: [{ id: "h1.nic", host: "h1", model: "intel-e810", numa: 0 }],
    pfs: [{ id: "h1.nic.pf0", host: "h1", nic: "h1.nic", pci: null, speedBps: 100e9, maxVfs: 64, vfs: 8, vmdqPools: 8, msix: 64, itrNs: 0, ring: 1024, mtu: 1500 }],
    vswitches: [{ id: "h1.br0", host: "h1", type: "ovs", uplinks: ["h1.nic.pf0"], features: ["acl"] }],
    vms: paths.map(([name, , , core]) => ({ id: `h1.${name}`, host: "h1", vcpus: 1, pin: [core], numa: 0, memoryBytes: 2 ** 32, liveMigration: false })),
    ifaces: paths.map(([name, attachment, irqCore, core], i) => ({
      id: `h1.${name}.eth0`, host: "h1", vm: `h1.${name}`, attachment, vswitch: "h1.br0", mac: `02:00:00:00:00:0${i + 1}`, vlan: null,
      spoofchk: true, trust: false, requires: [], rateLimitBps: null, mtu: 1500, irqCore, stackCore: core,
    })),
    // 1.2 Mpps in all, whatever the number of sources: the cores stay below saturation.
    traffic: Array.from({ length: sources }, (_, i) => ({
      id: `t${i}`, from: { kind: "wire" }, to: `h1.${paths[i % 4][0]}.eth0`, ratePps: 1.2e6 / sources, size: { kind: "fixed", bytes: 64 },
      pattern: { kind: "poisson" }, vlan: null, startNs: 0, stopNs: null,
    })),
    simulation: { durationNs, warmupNs: 0, seed: 1, profile: "default", eventBudget: 1e9 },
    costs: profiles.effectiveCosts(profile.profile),
  };
}

/** The baseline: pop the earliest of `pending` events and push its successor, `count` times, in a bare typed-array heap. */
export function heapLoop(pending, count) {
  const time = new Float64Array(pending);
  let size = 0;
  let seed = 12345;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const push = (t) => {
    let at = size++;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (time[parent] <= t) break;
      time[at] = time[parent];
      at = parent;
    }
    time[at] = t;
  };
  const pop = () => {
    const top = time[0];
    const last = time[--size];
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      if (child + 1 < size && time[child + 1] < time[child]) child++;
      if (time[child] >= last) break;
      time[at] = time[child];
      at = child;
    }
    time[at] = last;
    return top;
  };
  for (let i = 0; i < pending; i++) push(random() * 1000);
  let checksum = 0;
  for (let i = 0; i < count; i++) {
    const t = pop();
    checksum += t;
    push(t - Math.log(1 - random()) * 1000);
  }
  return checksum;
}
