/** The editor's words for the deployments of issue 14: a vDPA, a container's and a DPDK interface's data path. */
import { describe, expect, it } from "vitest";
import { dataPathText } from "../../src/lsp/hover.js";
import { modelOf } from "../helpers/check-source.js";

const model = modelOf(`host h1 {
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 4 }
  }
  vswitch br-int { uplinks = [cx6.p0]  offload = true }
  vm web {
    iface eth0 { attach = vdpa(cx6.p0) }
    iface eth1 { attach = vf(cx6.p0)  driver = dpdk  queues = 2 }
  }
  container pod { iface net1 { attach = vf(cx6.p0) } }
  iface mgmt { attach = vf(cx6.p0) }
}
`);
const text = (id: string) => dataPathText(model, model.lookup.ifaces.get(id)!, { cost: undefined });

describe("hover on the new data paths", () => {
  it("says what vDPA is and that the VM does not migrate transparently", () => {
    expect(text("h1.web.eth0")).toContain("**vDPA** on VF 0 of `h1.cx6.p0`");
    expect(text("h1.web.eth0")).toContain("The VM does not live-migrate transparently: libvirt refuses it, and OpenStack Nova unplugs the device and plugs a new one on the destination.");
  });
  it("names a representor port, DPDK polling and the queues", () => {
    const value = text("h1.web.eth1");
    expect(value).toContain("A representor port of vSwitch `h1.br-int` (hardware offload)");
    expect(value).toContain("**DPDK** poll-mode driver");
    expect(value).toContain("2 RSS queues");
  });
  it("describes a container's VF as SR-IOV CNI with the host kernel's driver", () => {
    expect(text("h1.pod.net1")).toContain("in the container's namespace (SR-IOV CNI)");
  });
  it("describes a host's own VF as the host kernel's, a representor port like the VM's on that uplink", () => {
    const value = text("h1.mgmt");
    expect(value).toContain("**SR-IOV** VF 3 (the next free one, in source order) of `h1.cx6.p0`, the host's own: the host kernel's VF driver, a hardware interrupt on a host core, no VM exit.");
    expect(value).not.toContain("into the VM");
    expect(value).toContain("A representor port of vSwitch `h1.br-int` (hardware offload)");
  });
});
