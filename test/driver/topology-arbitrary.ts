/**
 * fast-check arbitraries for whole `.sriov` topologies that mix every construct lowering and the IR
 * schema care about — each attach mode on VM and host interfaces, explicit and allocated VFs beyond the
 * PF's count, VMDq pools running out, vSwitches with and without uplinks, pinning beyond the host,
 * frame sizes at and past the IR's limits, odd seeds, durations and profiles — with valid references,
 * so that many of them check clean under some rule configuration.
 */
import fc from "fast-check";

const pick = <T>(...values: T[]): fc.Arbitrary<T> => fc.constantFrom(...values);
/** Mostly one of `usual`, now and then one of `rare` (values that make a structure error, or edge cases). */
const mostly = <T>(usual: T[], rare: T[]): fc.Arbitrary<T> =>
  // Without bias: fast-check would otherwise favour the rare branch far more than its weight says.
  fc.noBias(fc.oneof({ weight: 40, arbitrary: fc.constantFrom(...usual) }, { weight: 1, arbitrary: fc.constantFrom(...rare) }));

const NIC_MODELS = ["intel-x710", "intel-82599", "intel-e810", "nvidia-cx5", "broadcom-57414", "generic"];
/** `vmdq_pools` is written only where the model has VMDq: on the others it is vmdq-pools-exceeds-max, not an interesting case here. */
const HAS_VMDQ = (model: string): boolean => !model.startsWith("nvidia-") && !model.startsWith("broadcom-");

interface PfSpec {
  readonly vfs: string | undefined;
  readonly vmdq: string | undefined;
  readonly extra: string;
}

const pfSpec: fc.Arbitrary<PfSpec> = fc.record({
  vfs: fc.option(pick("0", "1", "2", "4", "8", "70"), { nil: undefined }),
  vmdq: fc.option(pick("0", "1", "2", "4"), { nil: undefined }),
  extra: mostly(["", "speed = 10Gbps", "speed = 25Gbps", "itr = 20us", "mtu = 9000", "ring = 64", "msix = 2", "pci = 0000:3b:00.0"], ['pci = "0000:3b:00.0"']),
});

const attachFor = (pfs: readonly string[], vswitches: readonly string[], own: boolean): fc.Arbitrary<string> => {
  const choices: fc.Arbitrary<string>[] = [
    fc.constantFrom(...pfs).map((p) => `vf(${p})`),
    fc.tuple(fc.constantFrom(...pfs), fc.nat({ max: 9 })).map(([p, i]) => `vf(${p}, ${i})`),
    fc.constantFrom(...pfs).map((p) => `vmdq(${p})`),
    fc.constantFrom(...pfs).map((p) => `pf(${p})`),
  ];
  if (vswitches.length > 0) choices.push(fc.constantFrom(...vswitches).map((s) => `vswitch(${s})`));
  // A host's own interface mostly takes the whole PF or a VF (vmdq/vswitch there are errors); a VM's mostly a share.
  return own
    ? fc.oneof({ weight: 20, arbitrary: choices[3]! }, { weight: 20, arbitrary: choices[0]! }, { weight: 4, arbitrary: choices[1]! }, ...choices.map((arbitrary) => ({ weight: 1, arbitrary })))
    : fc.oneof({ weight: 1, arbitrary: choices[3]! }, ...[0, 1, 2, 4].flatMap((i) => (choices[i] ? [{ weight: 4, arbitrary: choices[i] }] : [])));
};

const ifaceExtra = pick("", "vlan = 100", "vlan = 200", "mtu = 9000", "mtu = 1400", "spoofchk = false", "trust = true", "requires = [security_groups]", "rate_limit = 1Gbps", "mac = 52:54:00:00:00:01");

/** One host: NICs with PFs, maybe vSwitches, VMs with interfaces, and its own interfaces. */
function host(index: number): fc.Arbitrary<{ text: string; ifaces: string[] }> {
  const name = `h${index}`;
  return fc
    .record({
      hypervisor: pick("kvm", "kvm", "kvm", "none", "esxi"),
      cores: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 8, max: 12 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7 }) }),
      hypervisorCores: mostly(["", "hypervisor_cores = 0..0", "hypervisor_cores = 0..1"], ["hypervisor_cores = [0, 9]"]),
      flags: pick("", "iommu = false", "posted_interrupts = false", "numa_nodes = 2", "overcommit = 200%"),
      nics: fc.array(fc.record({ model: fc.constantFrom(...NIC_MODELS), pfs: fc.array(pfSpec, { minLength: 1, maxLength: 2 }) }), { minLength: 1, maxLength: 2 }),
      vswitchCount: fc.nat({ max: 2 }),
      vmCount: fc.nat({ max: 3 }),
      ownCount: fc.nat({ max: 2 }),
    })
    .chain((h) => {
      const pfs = h.nics.flatMap((nic, n) => nic.pfs.map((_, p) => `n${n}.p${p}`));
      const vswitches = Array.from({ length: h.vswitchCount }, (_, i) => `s${i}`);
      const vswitch = (id: string) =>
        fc
          .record({ type: pick("ovs", "ovs_dpdk", "linux_bridge", "vss"), uplinks: fc.subarray(pfs, { maxLength: Math.min(2, pfs.length) }), features: fc.subarray(["acl", "mirroring", "security_groups", "vxlan"], { maxLength: 2 }) })
          .map((s) => `  vswitch ${id} { type = ${s.type}  uplinks = [${s.uplinks.join(", ")}]  features = [${s.features.join(", ")}] }\n`);
      const iface = (id: string, own: boolean) => fc.tuple(attachFor(pfs, vswitches, own), ifaceExtra).map(([attach, extra]) => ({ id, text: `iface ${id} { attach = ${attach}  ${extra} }` }));
      const vm = (i: number) =>
        fc
          .record({
            vcpus: fc.integer({ min: 1, max: 3 }),
            pin: pick("", "", "pin = 1..1", "pin = 2..3", "pin = 7..7"),
            flags: pick("", "live_migration = true", "numa = 1", "memory = 8GiB"),
            ifaces: fc.integer({ min: 1, max: 2 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, k) => iface(`e${k}`, false)))),
          })
          .map((v) => ({
            text: `  vm v${i} { vcpus = ${v.vcpus}  ${v.pin}  ${v.flags}\n${v.ifaces.map((f) => `    ${f.text}\n`).join("")}  }\n`,
            ifaces: v.ifaces.map((f) => `${name}.v${i}.${f.id}`),
          }));
      const tuple = <T>(list: fc.Arbitrary<T>[]): fc.Arbitrary<T[]> => (list.length === 0 ? fc.constant([]) : fc.tuple(...list));
      return fc
        .tuple(
          tuple(vswitches.map(vswitch)),
          tuple(Array.from({ length: h.vmCount }, (_, i) => vm(i))),
          tuple(Array.from({ length: h.ownCount }, (_, i) => iface(`b${i}`, true))),
        )
        .map(([switchTexts, vms, own]) => {
          const nics = h.nics
            .map(
              (nic, n) =>
                `  nic n${n} {\n    model = "${nic.model}"\n${nic.pfs.map((pf, p) => `    pf p${p} { ${pf.vfs === undefined ? "" : `vfs = ${pf.vfs}`}  ${pf.vmdq === undefined || !HAS_VMDQ(nic.model) ? "" : `vmdq_pools = ${pf.vmdq}`}  ${pf.extra} }\n`).join("")}  }\n`,
            )
            .join("");
          const text = `host ${name} {\n  cores = ${h.cores}\n  hypervisor = ${h.hypervisor}\n  ${h.hypervisorCores}\n  ${h.flags}\n${nics}${switchTexts.join("")}${vms.map((v) => v.text).join("")}${own.map((f) => `  ${f.text}\n`).join("")}}\n`;
          return { text, ifaces: [...vms.flatMap((v) => v.ifaces), ...own.map((f) => `${name}.${f.id}`)] };
        });
    });
}

const trafficBody = fc.record({
  rate: mostly(["1Kpps", "20Kpps", "100Kpps", "10Mbps"], ["0pps"]),
  size: mostly(["", "size = 64B", "size = 1500B", "size = 9000B", "size = 65535B", "size = 1B", "size = imix"], ["size = 65536B", "size = 2.5B", "size = 0.5B"]),
  pattern: pick("", "pattern = poisson", "pattern = burst(4)", "pattern = constant"),
  extra: pick("", "vlan = 100", "vlan = none", "start = 10us", "stop = 50us", "start = 1s"),
});

const simulation = mostly(
  [
    "",
    "simulation { duration = 200us }",
    "simulation { duration = 200us  warmup = 20us  seed = 7 }",
    "simulation { duration = 200us  seed = 4294967295 }",
    'simulation { duration = 200us  profile = "legacy-no-posted" }',
    "simulation { duration = 200us  cost { vm_exit = 3Kcyc  napi_budget = 16 } }",
  ],
  ["simulation { duration = 200us  seed = 4294967296 }", 'simulation { duration = 200us  profile = "nope" }', "simulation { duration = 20us  warmup = 20us }"],
);

/** A topology's source text. */
export const topologySource: fc.Arbitrary<string> = fc
  .integer({ min: 1, max: 2 })
  .chain((hosts) => fc.tuple(...Array.from({ length: hosts }, (_, i) => host(i))))
  .chain((hosts) => {
    const ifaces = hosts.flatMap((h) => h.ifaces);
    const traffic =
      ifaces.length === 0
        ? fc.constant<string[]>([])
        : fc.array(
            fc.tuple(fc.constantFrom(...ifaces), fc.option(fc.constantFrom(...ifaces), { nil: undefined }), trafficBody).map(
              ([to, from, t]) => `{ to = ${to}  ${from === undefined ? "" : `from = ${from}`}  rate = ${t.rate}  ${t.size}  ${t.pattern}  ${t.extra} }`,
            ),
            { maxLength: 3 },
          );
    return fc.tuple(traffic, simulation).map(([flows, sim]) => `${hosts.map((h) => h.text).join("")}${flows.map((f, i) => `traffic t${i} ${f}\n`).join("")}${sim}\n`);
  });
