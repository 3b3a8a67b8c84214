/**
 * The topology behind the tests of the rules driven by the simulator's analytic model (interrupt-storm,
 * cpu-saturated, link-oversubscribed): one 10 Gb/s X710 PF serving `web` through a VF and `db` through
 * an OVS vSwitch, on a host whose core 0 is the hypervisor's.
 */
export function analyticTopology(pf: string, traffic: string): string {
  return `host h1 {
  cores = 8
  freq = 2.5GHz
  hypervisor_cores = 0..0
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      speed = 10Gbps
      vfs = 4
${pf}
    }
  }
  vswitch br0 {
    type = ovs
    uplinks = [x710.pf0]
    features = [security_groups]
  }
  vm web {
    vcpus = 1
    pin = 4..4
    iface eth0 { attach = vf(x710.pf0) }
  }
  vm db {
    vcpus = 1
    pin = 5..5
    iface eth0 { attach = vswitch(br0) }
  }
}
${traffic}
simulation { duration = 10ms }
`;
}

/** Where each interface's name is: the analysis reports a core on the interfaces it serves. */
export const WEB_ETH0 = "eth0 { attach = vf";
export const DB_ETH0 = "eth0 { attach = vswitch";
