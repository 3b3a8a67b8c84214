/**
 * The domain's closed sets, in one dependency-free module: the language (semantics), the rules, the IR
 * and the simulator all spell them from here (docs/LANGUAGE.md lists them for the author).
 */

export const HYPERVISORS = ["kvm", "esxi", "hyperv", "none"] as const;
export type Hypervisor = (typeof HYPERVISORS)[number];

export const VSWITCH_TYPES = ["ovs", "ovs_dpdk", "linux_bridge", "vss"] as const;
export type VswitchType = (typeof VSWITCH_TYPES)[number];

export const FEATURES = ["security_groups", "acl", "mirroring", "vxlan", "geneve", "qos", "netflow", "conntrack", "lacp"] as const;
export type Feature = (typeof FEATURES)[number];

/** The data paths an interface can be attached on (LANGUAGE.md "Attach modes"), in the order `--compare` lists them. */
export const DATA_PATHS = ["pf", "vswitch", "vmdq", "vf"] as const;
export type DataPath = (typeof DATA_PATHS)[number];
