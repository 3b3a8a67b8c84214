/**
 * One line of documentation per attribute, for the editor (hover, completion). Types and defaults live in
 * ATTRIBUTE_TABLE (attributes.ts); a test keeps the two tables' keys equal.
 */
import type { BlockKind } from "../syntax/ast.js";

const DESCRIPTION = "Free text shown in reports; not interpreted.";

export const ATTRIBUTE_DOCS: Readonly<Record<Exclude<BlockKind, "cost">, Readonly<Record<string, string>>>> = {
  host: {
    cores: "Physical cores of the host (all NUMA nodes together).",
    freq: "Core clock frequency: turns cycle costs into time.",
    numa_nodes: "NUMA nodes; the cores are split into equal runs in order.",
    hypervisor: "The hypervisor: `kvm`, `esxi`, `hyperv`, or `none` for bare metal (then no VMs).",
    hypervisor_cores: "Cores that take the host's device interrupts: the hypervisor's (they run the vSwitches too), or a bare-metal host's housekeeping cores (`irqaffinity=`).",
    iommu: "Whether the IOMMU is on; SR-IOV passthrough (`vf(...)`) needs it.",
    posted_interrupts: "Whether interrupts are posted to running vCPUs without a VM exit (Intel/AMD posted interrupts).",
    overcommit: "Allowed vCPUs per core, as a ratio (`150%`: 1.5 vCPUs per core).",
    node: "The Kubernetes node (`kubernetes.io/hostname`) this host is, when its `.sriov` name cannot be that: `--emit k8s` selects it.",
    description: DESCRIPTION,
  },
  nic: {
    model: "The NIC model's catalogue id: its VF, queue, MSI-X and VMDq limits and defaults.",
    numa: "NUMA node the NIC is attached to.",
    description: DESCRIPTION,
  },
  pf: {
    pci: "PCI address of the physical function (`DDDD:BB:DD.F`).",
    speed: "Line rate of the port.",
    max_vfs: "VFs the PF can enable (`sriov_totalvfs`); the model's figure by default.",
    vfs: "VFs enabled on the PF (`sriov_numvfs`).",
    vmdq_pools: "VMDq pools the PF offers; the model's figure by default.",
    msix: "MSI-X vectors of the PF; the model's figure by default.",
    itr: "Interrupt moderation: an interval (0: an interrupt per packet batch, no delay) or `adaptive`, the driver's dynamic moderation (the default where the NIC model's driver has one).",
    ring: "Receive descriptors per queue.",
    mtu: "Largest frame payload the port accepts, bytes.",
    description: DESCRIPTION,
  },
  vswitch: {
    type: "The software switch: `ovs`, `ovs_dpdk`, `linux_bridge` or `vss`.",
    uplinks: "The PFs the vSwitch sends to and receives from the wire.",
    features: "What the vSwitch applies to every packet (security groups, ACLs, tunnels, …); SR-IOV VFs bypass them.",
    offload: "OVS hardware offload (tc flower) into the uplinks' embedded switch: a VF on an uplink keeps the features its NIC can offload.",
    description: DESCRIPTION,
  },
  vm: {
    vcpus: "Virtual CPUs of the VM.",
    pin: "Cores the vCPUs are pinned to; left out, the next free non-hypervisor cores.",
    numa: "NUMA node of the VM; left out, the node of its first pinned core. Without `pin`, automatic pinning takes this node's free cores first.",
    memory: "Guest memory.",
    live_migration: "Whether the VM must be able to live-migrate (a VF attachment, passed through or vDPA, prevents it).",
    hugepages: "The page size of the hugepages that back the guest's memory (all of `memory`, a whole number of pages); left out, none. A DPDK driver in the guest runs faster with them, but needs only the guest's own hugepages.",
    domain: "The libvirt domain (`<name>`) this VM is, when its `.sriov` name cannot be that: `--emit libvirt` names the domain so.",
    description: DESCRIPTION,
  },
  container: {
    pin: "Cores the container (pod) runs on; left out, the next free non-hypervisor core.",
    numa: "NUMA node of the container; left out, the node of its first pinned core. Without `pin`, automatic pinning takes this node's free cores first.",
    hugepages: "The page size of the hugepages the pod gets (Kubernetes' `hugepages-2Mi` or `hugepages-1Gi` resource); left out, none. A DPDK driver in the pod needs them (`dpdk-without-hugepages`).",
    hugepages_memory: "How much hugepage memory the pod gets, a whole number of `hugepages` pages; left out, one page.",
    description: DESCRIPTION,
  },
  iface: {
    attach: "The data path: `vf(pf[, index])` SR-IOV, `vdpa(pf[, index])` a VF speaking virtio, `vmdq(pf)` a VMDq pool, `vswitch(sw)` a software switch, `pf(pf)` the port itself.",
    driver: "`kernel` (interrupts and NAPI) or `dpdk` (a poll-mode driver: its cores poll, no interrupts, no exits).",
    queues: "RSS queues, each with its own MSI-X vector and core; one flow always lands on one queue.",
    mac: "MAC address, or `auto` for a stable locally administered one.",
    vlan: "Port VLAN the interface is in, or `none`.",
    spoofchk: "VF MAC anti-spoofing check; no effect on an interface without a VF (`vf-only-attribute`).",
    trust: "VF trust mode (promiscuous, MAC changes); no effect on an interface without a VF (`vf-only-attribute`).",
    requires: "The vSwitch features this interface's traffic needs; a VF that bypasses them is reported.",
    rate_limit: "Transmit rate limit of a VF: caps what the flows sent from it offer.",
    mtu: "Interface MTU, bytes; left out, the PF's (a vSwitch interface: the smallest of its uplinks').",
    description: DESCRIPTION,
  },
  traffic: {
    from: "Where the packets come from: `wire`, or an interface.",
    to: "The interface the packets are delivered to, or `wire` for traffic `from` an interface out of its PF.",
    rate: "Offered load, in packets or bits per second; with `window`, a cap on the flow.",
    window: "Closed loop: at most this many packets in flight, a new one sent as the receiver consumes one.",
    size: "Frame size, or `imix` (64, 576 and 1500 B in 7:4:1).",
    flows: "Distinct 5-tuples; the RSS hash puts each flow on one queue.",
    pattern: "Arrival pattern: `constant`, `poisson` or `burst(n)`.",
    vlan: "VLAN tag on the frames, or `none`; left out, the target interface's.",
    start: "When the traffic starts, from the start of the run.",
    stop: "When the traffic stops; left out, at the end of the run.",
    description: DESCRIPTION,
  },
  simulation: {
    duration: "Simulated time of a run.",
    warmup: "Time at the start that is simulated but not measured.",
    seed: "Seed of the random arrivals; a run is reproducible from it.",
    profile: "The cost profile (cycle costs of each step of a packet's path).",
    description: DESCRIPTION,
  },
};
