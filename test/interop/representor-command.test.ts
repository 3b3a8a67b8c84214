/**
 * The command the representor-VLAN help gives, run as the user would paste it: under `sh`, with `devlink` and
 * `ovs-vsctl` (and for a PF without `pci`, `readlink`) replaced by scripts that print what a host prints and
 * echo what they are asked. The `devlink port show` lines are of mlx5 (iproute2 6.x, with `controller` and
 * `external`, and a `function:` block under a port) and of an older iproute2 without those fields.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { representorNetdevCommand, representorVlanHelp } from "../../src/interop/emit/common.js";
import { emitK8s } from "../../src/interop/emit/k8s.js";
import { emitLibvirt } from "../../src/interop/emit/libvirt.js";
import { emitNetplan } from "../../src/interop/emit/netplan.js";
import { irOfSource } from "./support.js";
import { tempTree } from "../helpers/tmp.js";

const DEVLINK_PORTS = `pci/0000:3b:00.0/65535: type eth netdev p0 flavour physical port 0 splittable false
pci/0000:3b:00.0/1: type eth netdev enp59s0f0npf0vf0 flavour pcivf controller 0 pfnum 0 vfnum 0 external false splittable false
  function:
    hw_addr 02:00:00:00:00:01
pci/0000:3b:00.0/3: type eth netdev enp59s0f0npf0vf2 flavour pcivf controller 0 pfnum 0 vfnum 2 external false splittable false
  function:
    hw_addr 02:00:00:00:00:03
pci/0000:3b:00.0/9: type eth netdev eth9 flavour pcivf controller 1 pfnum 0 vfnum 2 external true splittable false
pci/0000:3b:00.1/3: type eth netdev enp59s0f1npf1vf2 flavour pcivf controller 0 pfnum 1 vfnum 2 external false splittable false
pci/0000:3b:00.0/12: type eth netdev ens785f0np0_12 flavour pcivf pfnum 0 vfnum 12
`;

/** Runs the help's command (between its last pair of backticks) under `sh` with the stubs first in PATH. */
function runHelp(help: string): { stdout: string; status: number | null } {
  const command = help.slice(help.lastIndexOf("`ovs-vsctl") + 1, help.lastIndexOf("`"));
  const bin = tempTree({
    "devlink": `#!/bin/sh\n[ "$*" = "port show" ] || exit 2\ncat <<'EOF'\n${DEVLINK_PORTS}EOF\n`,
    "ovs-vsctl": `#!/bin/sh\necho "ovs-vsctl[$#]: $*"\n`,
    // sysfs's device link of a PF netdev: relative, ending in its PCI address.
    "readlink": `#!/bin/sh\n[ "$1" = /sys/class/net/p1/device ] && echo ../../../0000:3b:00.1\n`,
  });
  for (const name of ["devlink", "ovs-vsctl", "readlink"]) chmodSync(path.join(bin, name), 0o755);
  const run = spawnSync("sh", ["-c", command], { encoding: "utf8", env: { PATH: `${bin}:${process.env["PATH"]}` } });
  return { stdout: run.stdout, status: run.status };
}

describe("the representor's port tag: a command that finds exactly that VF's representor", () => {
  it("reads like this for a PF with a PCI address", () => {
    expect(representorVlanHelp({ name: "p0", pci: "0000:3b:00.0" }, 2, 10)).toBe(
      "on the host, tag the port of the representor of p0's VF 2, which devlink finds by p0's PCI address 0000:3b:00.0 and the VF's index (its netdev name is udev's): " +
        '`ovs-vsctl set Port "$(devlink port show | awk -v dev="pci/0000:3b:00.0/" -v vf=2 \'index($1, dev) == 1 { delete a; for (i = 2; i < NF; i++) a[$i] = $(i + 1); if (a["flavour"] == "pcivf" && a["vfnum"] == vf && a["external"] != "true") print a["netdev"] }\')" tag=10`',
    );
  });

  it("tags that VF's representor: not the same index on the other PF, nor another host's VF (external), nor VF 12 for VF 1", () => {
    expect(runHelp(representorVlanHelp({ name: "p0", pci: "0000:3b:00.0" }, 2, 10))).toEqual({ stdout: "ovs-vsctl[4]: set Port enp59s0f0npf0vf2 tag=10\n", status: 0 });
    expect(runHelp(representorVlanHelp({ name: "p1", pci: "0000:3b:00.1" }, 2, 10)).stdout).toBe("ovs-vsctl[4]: set Port enp59s0f1npf1vf2 tag=10\n");
    // An iproute2 that prints no `controller`/`external`, and a name udev gave without `pfNvfM`.
    expect(runHelp(representorVlanHelp({ name: "p0", pci: "0000:3b:00.0" }, 12, 300)).stdout).toBe("ovs-vsctl[4]: set Port ens785f0np0_12 tag=300\n");
  });

  it("without a PCI address in the source, reads the PF's from sysfs by its netdev name", () => {
    const help = representorVlanHelp({ name: "p1", pci: null }, 2, 10);
    expect(help).toContain("devlink finds by p1's PCI address (from sysfs: the source gives no `pci`) and the VF's index");
    expect(representorNetdevCommand({ name: "p1", pci: null }, 2)).toContain('-v dev="pci/$(basename "$(readlink /sys/class/net/p1/device)")/"');
    expect(runHelp(help).stdout).toBe("ovs-vsctl[4]: set Port enp59s0f1npf1vf2 tag=10\n");
  });

  it("a VF without a representor gives ovs-vsctl an empty name (still its third argument), which it refuses, rather than another port", () => {
    expect(runHelp(representorVlanHelp({ name: "p0", pci: "0000:3b:00.0" }, 1, 10)).stdout).toBe("ovs-vsctl[4]: set Port  tag=10\n");
  });
});

describe("each emitter's help, pasted", () => {
  const ir = irOfSource(`host worker-0 {
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 4  pci = 0000:3b:00.0 }
  }
  vswitch br-int { uplinks = [cx6.p0]  offload = true }
  vm db {
    iface eth0 { attach = vf(cx6.p0, 2)  vlan = 300 }
  }
  iface mgmt { attach = vf(cx6.p0, 0)  vlan = 10 }
}
`);
  const helpOf = (warnings: readonly { message: string; help: string }[], iface: string): string => warnings.find((w) => w.message.startsWith(`\`${iface}\``) && w.help.includes("devlink"))!.help;

  it("netplan's tags the host's VF's representor, libvirt's the VM's, k8s's plugs the VM's into the bridge with its tag", () => {
    expect(runHelp(helpOf(emitNetplan(ir).warnings, "worker-0.mgmt")).stdout).toBe("ovs-vsctl[4]: set Port enp59s0f0npf0vf0 tag=10\n");
    const libvirt = helpOf(emitLibvirt(ir).warnings, "worker-0.db.eth0");
    // The command is followed by why libvirt cannot set it: the command is what is between the backticks.
    expect(runHelp(libvirt.slice(0, libvirt.indexOf("`; ") + 1)).stdout).toBe("ovs-vsctl[4]: set Port enp59s0f0npf0vf2 tag=300\n");
    expect(runHelp(helpOf(emitK8s(ir).warnings, "worker-0.db.eth0")).stdout).toBe("ovs-vsctl[4]: add-port br-int enp59s0f0npf0vf2 tag=300\n");
  });
});

