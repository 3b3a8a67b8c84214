/** A two-file topology for the protocol tests, with `<|>` cursor markers where the tests point. */
import { cursors } from "./harness.js";

/** Shared hardware: one host, one X710 port, a vSwitch and two VMs (CJK and an emoji in a description). */
export const LIB = cursors(`// Shared hardware: one host, one X710 port, a vSwitch and two VMs.
host <|>h1 {
  description = "rack 1 🚀 主机"
  hypervisor_cores = 0..1

  nic x710 {
    model = "intel-<|>x710"

    pf <|>pf0 {
      <|>speed = 10Gbps
      vfs = 4
    }
  }

  vswitch br0 {
    type = ovs
    uplinks = [x710.pf0]
    features = [security_groups]
  }

  vm web {
    iface eth0 {
      attach = v<|>f(x710.p<|>f0)
    }
  }

  vm db {
    iface eth0 {
      attach = vswitch(br0)
    }
  }
}
`);

export const MAIN = cursors(`import "lib.sriov"

traffic web_in {
  to = h1.<|>web.eth0
  rate = 100Kpps
}

traffic db_in {
  to = h1.db.eth0
  rate = 100Kpps
}
`);
