/**
 * `sriovc compile --emit k8s|libvirt|netplan` on every sample that checks: the Kubernetes objects validate
 * against the operator's CRD schemas (schema/operator/), the libvirt XML passes `virt-xml-validate` and the
 * netplan files pass `netplan generate`. The two tools are Debian packages (libvirt-clients + libxml2-utils,
 * netplan.io) that .ci/run installs; where they are missing those tests say so and are skipped.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { emitK8s } from "../../src/interop/emit/k8s.js";
import { emitLibvirt } from "../../src/interop/emit/libvirt.js";
import { emitNetplan } from "../../src/interop/emit/netplan.js";
import { importFiles } from "../../src/interop/import/index.js";
import { checkEntries } from "../../src/driver/workspace.js";
import { tempTree } from "../helpers/tmp.js";
import { cleanSamples, irOfSource, operatorValidators, SAMPLES, yamlObjects } from "./support.js";
import type { Ir } from "../../src/lower/ir.js";

const samples = cleanSamples();
const has = (tool: string): boolean => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
const hasVirtXmlValidate = has("virt-xml-validate") && has("xmllint");
const hasNetplan = has("netplan");
if (!hasVirtXmlValidate) console.warn("virt-xml-validate or xmllint missing (Debian: libvirt-clients, libxml2-utils): the libvirt validation tests are skipped");
if (!hasNetplan) console.warn("netplan missing (Debian: netplan.io): the netplan validation tests are skipped");

it("every sample is emitted: all but mistakes.sriov (deliberately broken) check without errors", () => {
  // A sample that stopped checking would otherwise drop out of the validation below without a word.
  const all = readdirSync(SAMPLES, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".sriov")).sort();
  expect(all).toContain("mistakes.sriov");
  expect(samples.map((s) => s.file)).toEqual(all.filter((f) => f !== "mistakes.sriov"));
});

describe("--emit k8s validates against the operator's CRD schemas", () => {
  const validators = operatorValidators();
  for (const { file, ir } of samples) {
    it(file, () => {
      const { files } = emitK8s(ir);
      const objects = yamlObjects(files[0]!.text);
      const vfIfaces = ir.ifaces.filter((i) => i.attachment.kind === "vf");
      if (vfIfaces.length > 0) expect(objects.length).toBeGreaterThan(0);
      for (const object of objects) {
        const validate = validators[object["kind"] as keyof typeof validators];
        expect(validate, String(object["kind"])).toBeDefined();
        expect(validate(object) ? [] : validate.errors, `${String(object["kind"])} ${JSON.stringify(object["metadata"])}`).toEqual([]);
      }
    });
  }
});

describe("--emit k8s passes the ported webhook checks against the topology it came from", () => {
  for (const { file, ir } of samples) {
    it(file, () => {
      const root = tempTree({ "emitted.yaml": emitK8s(ir).files[0]!.text });
      const result = checkEntries([path.join(SAMPLES, file), path.join(root, "emitted.yaml")], { cwd: root });
      const onYaml = result.diagnostics.filter((d) => d.span.file === "emitted.yaml");
      expect(onYaml.filter((d) => d.severity === "error").map((d) => `${d.span.line} ${d.rule}: ${d.message}`)).toEqual([]);
    });
  }
});

describe.skipIf(!hasVirtXmlValidate)("--emit libvirt passes virt-xml-validate", () => {
  for (const { file, ir } of samples) {
    it(file, () => {
      const { files } = emitLibvirt(ir);
      expect(files.length).toBe(ir.vms.length + new Set(ir.ifaces.flatMap((i) => (i.vm !== null && i.attachment.kind === "vf" ? [i.attachment.pf] : []))).size);
      const root = tempTree(Object.fromEntries(files.map((f) => [f.path, f.text])));
      for (const f of files) {
        const run = spawnSync("virt-xml-validate", [path.join(root, f.path)], { encoding: "utf8" });
        expect(run.status, `${f.path}\n${run.stdout}${run.stderr}\n${f.text}`).toBe(0);
      }
    });
  }
});

describe.skipIf(!hasNetplan)("--emit netplan passes netplan generate", () => {
  const generate = (files: { path: string; text: string }[]) => {
    const root = tempTree({});
    mkdirSync(path.join(root, "etc/netplan"), { recursive: true });
    for (const f of files) {
      const target = path.join(root, "etc/netplan", f.path.replace(/\//g, "-"));
      writeFileSync(target, f.text);
      chmodSync(target, 0o600);
    }
    return spawnSync("netplan", ["generate", "--root-dir", root], { encoding: "utf8" });
  };
  for (const { file, ir } of samples) {
    it(file, () => {
      const { files } = emitNetplan(ir);
      for (const f of files) {
        const run = generate([f]);
        expect(run.status, `${f.path}\n${run.stderr}\n${f.text}`).toBe(0);
        // A warning is no failure to netplan, but one of an interface it ignores is ours (a name too long).
        expect(run.stderr, f.path).not.toContain("WARNING");
      }
    });
  }
  it("netplan rejects a broken file (the check can fail)", () => {
    const run = generate([{ path: "bad.yaml", text: "network:\n  version: 2\n  ethernets:\n    pf0:\n      virtual-function-count: many\n" }]);
    expect(run.status).not.toBe(0);
  });
});

describe("what a format cannot express is a located warning", () => {
  const ir = irOfSource(`host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 {
      vfs = 4
      mtu = 9000
    }
  }
  vswitch br0 {
    uplinks = [x710.pf0]
  }
  vm web {
    pin = [2, 3]
    iface eth0 {
      attach = vf(x710.pf0)
      mtu = 1500
      spoofchk = false
    }
    iface eth1 {
      attach = vswitch(br0)
    }
  }
}
`);
  it("k8s: the vSwitch port, the VF's own MTU, the VM's CPUs", () => {
    const { warnings } = emitK8s(ir);
    expect(warnings.map((w) => `${w.span?.line}:${w.span?.column} ${w.message}`)).toEqual([
      "14:5 `h1.web.eth0` has MTU 1500 and its PF 9000: operator objects set one MTU per PF and its VFs",
      "19:5 `h1.web.eth1` uses a vSwitch port: operator objects describe VFs only",
      "12:3 the vCPUs, pinning, NUMA node and memory of 1 VM on `h1` are not in operator objects",
    ]);
  });
  it("libvirt: spoof checking off on a VF", () => {
    expect(emitLibvirt(ir).warnings.map((w) => `${w.span?.line} ${w.message}`)).toEqual(["14 `h1.web.eth0`: spoof checking, trust and rate limits of a VF have no libvirt form"]);
  });
  it("netplan: spoof checking and the vSwitch", () => {
    expect(emitNetplan(ir).warnings.map((w) => `${w.span?.line} ${w.message}`)).toEqual([
      "14 `h1.web.eth0`: netplan has no key for a VF's spoof checking, trust or rate limit",
      "9 vSwitch `h1.br0` is not configured by netplan here",
    ]);
  });
});

describe("k8s: the nodeSelector names a node that can exist", () => {
  // `sriovc import k8s` turns node `worker-0.lab` into host `worker-0_lab`: a `.sriov` name holds no `.`.
  const hostBlock = (host: string, node = "") => `host ${host} {\n${node}  nic n {\n    pf ens1f0 { vfs = 2 }\n  }\n  iface a {\n    attach = vf(n.ens1f0, 0)\n  }\n}\n`;
  const onHost = (host: string, node = "") => irOfSource(hostBlock(host, node));
  it("a host name that is no Kubernetes node name (a `_`, a capital) is said at the host: its policies select no node", () => {
    const { files, warnings } = emitK8s(onHost("worker_0"));
    expect(files[0]!.text).toContain("kubernetes.io/hostname: worker_0\n");
    expect(warnings.map((w) => `${w.span?.line}:${w.span?.column} ${w.message} (${w.help})`)).toEqual([
      "1:1 `worker_0` is no Kubernetes node name (lowercase letters, digits, `-` and `.`): the nodeSelector `kubernetes.io/hostname: worker_0` of its SriovNetworkNodePolicies selects no node (set `node = \"…\"` on the host to its node's name (a `.sriov` name holds no `.`, so an imported `worker-0.example.com` is `worker-0_example_com`))",
    ]);
    expect(emitK8s(onHost("Edge1")).warnings.map((w) => w.message)).toEqual([
      "`Edge1` is no Kubernetes node name (lowercase letters, digits, `-` and `.`): the nodeSelector `kubernetes.io/hostname: Edge1` of its SriovNetworkNodePolicies selects no node",
    ]);
    expect(emitK8s(onHost("edge1")).warnings).toEqual([]);
  });

  it("a pod's DPDK VF is in a vfio-pci pool, a pod's kernel VF in a netdevice one", () => {
    const ir = irOfSource(`host worker-0 {
  nic x {
    model = "intel-x710"
    pf ens1f0 { vfs = 2 }
  }
  container dpdk_app {
    hugepages = 1GiB
    iface n { attach = vf(x.ens1f0, 0)  driver = dpdk }
  }
  container web {
    iface n { attach = vf(x.ens1f0, 1) }
  }
}
`);
    const text = emitK8s(ir).files[0]!.text;
    const policies = text.split("---\n").filter((d) => d.includes("kind: SriovNetworkNodePolicy"));
    expect(policies.map((p) => `${/pfNames:\n\s+- (.*)/.exec(p)![1]} ${/deviceType: (.*)/.exec(p)![1]} ${/resourceName: (.*)/.exec(p)![1]}`)).toEqual([
      "ens1f0#0-0 vfio-pci sriovc_vfio",
      "ens1f0#1-1 netdevice sriovc_netdev",
    ]);
  });

  it("a pod's DPDK VF on a ConnectX (mlx5) is a netdevice pool in RDMA mode: mlx5's DPDK runs on its kernel driver", () => {
    const ir = irOfSource(`host worker-0 {
  nic cx {
    model = "nvidia-cx6"
    pf ens2f0 { vfs = 2 }
  }
  container dpdk_app {
    hugepages = 1GiB
    iface n { attach = vf(cx.ens2f0, 0)  driver = dpdk }
  }
  container web {
    iface n { attach = vf(cx.ens2f0, 1) }
  }
}
`);
    expect(ir.nics.map((nic) => nic.dpdkBifurcated)).toEqual([true]);
    const text = emitK8s(ir).files[0]!.text;
    const policies = text.split("---\n").filter((d) => d.includes("kind: SriovNetworkNodePolicy"));
    expect(policies.map((p) => `${/pfNames:\n\s+- (.*)/.exec(p)![1]} ${/deviceType: (.*)/.exec(p)![1]} ${/isRdma: (.*)/.exec(p)?.[1] ?? "-"} ${/resourceName: (.*)/.exec(p)![1]}`)).toEqual([
      "ens2f0#0-0 netdevice true sriovc_rdma",
      "ens2f0#1-1 netdevice - sriovc_netdev",
    ]);
    // What is emitted is what the operator's CRDs accept.
    const validators = operatorValidators();
    for (const object of yamlObjects(text)) {
      const validate = validators[object["kind"] as keyof typeof validators];
      expect(validate(object) ? [] : validate.errors, String(object["kind"])).toEqual([]);
    }
  });

  it("a host's `node` is what its policies select, with no warning for its name", () => {
    const { files, warnings } = emitK8s(onHost("worker_0", '  node = "worker-0.lab.example.com"\n'));
    expect(files[0]!.text).toContain("kubernetes.io/hostname: worker-0.lab.example.com\n");
    expect(files[0]!.text).not.toContain("kubernetes.io/hostname: worker_0");
    expect(warnings).toEqual([]);
  });

  it("two hosts that are one node are said at the second: the operator would merge their policies", () => {
    const ir = irOfSource(hostBlock("a", '  node = "worker-0"\n') + hostBlock("worker-0"));
    expect(emitK8s(ir).warnings.map((w) => `${w.span?.line}:${w.span?.column} ${w.message} (${w.help})`)).toEqual([
      "10:1 `worker-0` and `a` are both node `worker-0`: the SriovNetworkNodePolicies of both select it, and the operator merges them on one node (set `node = \"…\"` on `worker-0` to its node's name)",
    ]);
  });
});

describe("netplan: a VF bound to vfio-pci has no netdev to configure", () => {
  const ir = irOfSource(`host h1 {
  nic x710 {
    model = "intel-x710"
    pf ens1f0 { vfs = 8 }
  }
  vm web {
    pin = [2, 3]
    iface eth0 { attach = vf(x710.ens1f0)  vlan = 100  mac = 52:54:00:aa:00:01  mtu = 1400 }
  }
  container pod {
    pin = [4]
    hugepages = 2MiB
    iface net1 { attach = vf(x710.ens1f0)  vlan = 200 }
    iface dpdk0 { attach = vf(x710.ens1f0)  driver = dpdk  vlan = 300 }
  }
  iface mgmt { attach = vf(x710.ens1f0)  vlan = 10 }
  iface fast { attach = vf(x710.ens1f0)  driver = dpdk  vlan = 20  mac = 52:54:00:aa:00:02 }
}
`);
  it("a VM's VF and a DPDK VF are no ethernets or VLAN entry (netplan matches VFs by netdev name); the PF still creates every VF", () => {
    const { files, warnings } = emitNetplan(ir);
    expect(files.map((f) => f.text)).toEqual([
      `# Generated by sriovc compile --emit netplan for host h1 (docs/INTEROP.md).
# Bound to vfio-pci, so without a netdev for netplan to configure: ens1f0v0 (h1.web.eth0), ens1f0v2 (h1.pod.dpdk0), ens1f0v4 (h1.fast).
network:
  version: 2
  renderer: networkd
  ethernets:
    ens1f0:
      mtu: 1500
      virtual-function-count: 8
      embedded-switch-mode: legacy
    ens1f0v1:
      link: ens1f0
    ens1f0v3:
      link: ens1f0
  vlans:
    ens1f0v1.200:
      id: 200
      link: ens1f0v1
      renderer: sriov
    ens1f0v3.10:
      id: 10
      link: ens1f0v3
      renderer: sriov
`,
    ]);
    // libvirt sets a VM's VF's MAC and VLAN through the PF (<mac>, <vlan> of --emit libvirt), the SR-IOV CNI a
    // pod's (--emit k8s); a DPDK VF of the host's own has neither.
    expect(warnings.map((w) => `${w.span?.line}:${w.span?.column} ${w.message} (${w.help})`)).toEqual([
      "17:3 `h1.fast` is bound to vfio-pci for DPDK: it has no netdev, so netplan cannot set its VLAN or MAC (set them through the PF at boot: `ip link set ens1f0 vf 4 vlan 20 mac 52:54:00:aa:00:02`, in a networkd-dispatcher hook or a systemd unit)",
    ]);
  });
});

describe("an offloading vSwitch's uplink is emitted in switchdev mode, every other PF in legacy mode", () => {
  // p0 is br-int's offloaded uplink (its VFs are br-int's representor ports); p1's VFs bypass any vSwitch.
  const ir = irOfSource(`host worker-0 {
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 2 }
    pf p1 { vfs = 2 }
  }
  vswitch br-int {
    uplinks = [cx6.p0]
    offload = true
  }
  container web {
    iface net1 { attach = vf(cx6.p0, 0)  vlan = 200 }
    iface net2 { attach = vf(cx6.p1, 0)  vlan = 200 }
  }
  vm db {
    iface eth0 { attach = vf(cx6.p0, 1) }
  }
}
`);

  it("netplan: `embedded-switch-mode: switchdev` on the uplink (legacy would leave OVS no representors), `legacy` on the other", () => {
    const text = emitNetplan(ir).files[0]!.text;
    expect(text).toContain("    p0:\n      mtu: 1500\n      virtual-function-count: 2\n      embedded-switch-mode: switchdev\n");
    expect(text).toContain("    p1:\n      mtu: 1500\n      virtual-function-count: 2\n      embedded-switch-mode: legacy\n");
  });

  it("k8s: `eSwitchMode: switchdev` in the uplink's policies only, which the CRD schema accepts", () => {
    const objects = yamlObjects(emitK8s(ir).files[0]!.text);
    const policies = objects.filter((o) => o["kind"] === "SriovNetworkNodePolicy") as { spec: { nicSelector: { pfNames: string[] }; eSwitchMode?: string } }[];
    expect(policies.map((p) => `${p.spec.nicSelector.pfNames[0]} ${p.spec.eSwitchMode ?? "-"}`).sort()).toEqual(["p0#0-0 switchdev", "p0#1-1 switchdev", "p1#0-0 -"]);
    const validators = operatorValidators();
    for (const object of objects) {
      const validate = validators[object["kind"] as keyof typeof validators];
      expect(validate(object) ? [] : validate.errors, String(object["kind"])).toEqual([]);
    }
  });

  it("k8s: a pod's representor VF is an OVSNetwork on the bridge with the VLAN on its port; a legacy VF a SriovNetwork", () => {
    const text = emitK8s(ir).files[0]!.text;
    expect(text.split("\n")[0]).toBe("# Generated by sriovc compile --emit k8s: SriovNetworkNodePolicy, SriovNetwork and OVSNetwork objects (docs/INTEROP.md).");
    const objects = yamlObjects(text);
    const networks = objects.filter((o) => String(o["kind"]).endsWith("Network")).map((o) => ({ kind: o["kind"], spec: o["spec"] }));
    expect(networks).toEqual([
      { kind: "OVSNetwork", spec: { resourceName: "sriovc_netdev_ovs_br_int_vlan200", networkNamespace: "default", bridge: "br-int", vlan: 200, ipam: "{}" } },
      { kind: "SriovNetwork", spec: { resourceName: "sriovc_netdev_vlan200", networkNamespace: "default", vlan: 200, spoofChk: "on", trust: "off", ipam: "{}" } },
      { kind: "SriovNetwork", spec: { resourceName: "sriovc_vfio", networkNamespace: "default", spoofChk: "on", trust: "off", ipam: "{}" } },
    ]);
  });

  it("k8s: a VM's representor VF is said: operator objects do not plug its representor into the bridge", () => {
    expect(emitK8s(ir).warnings.map((w) => `${w.span?.line} ${w.message}`)).toEqual([
      "16 `worker-0.db.eth0` is bound to vfio-pci and a representor port of vSwitch `br-int`: operator objects do not plug its representor into the bridge",
      "15 the vCPUs, pinning, NUMA node and memory of 1 VM on `worker-0` are not in operator objects",
    ]);
  });
});

describe("a representor VF's VLAN is its port's tag on the vSwitch, not a VF VLAN (switchdev mode refuses one)", () => {
  // p0 is br-int's offloaded uplink: its VFs are representor ports, whose VLAN OVS tags. p1 is in legacy mode,
  // where the VF VLAN is the NIC's (netplan's `renderer: sriov`, libvirt's <vlan>, the SR-IOV CNI's `vlan`).
  const ir = irOfSource(`host worker-0 {
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 4  pci = 0000:3b:00.0 }
    pf p1 { vfs = 2 }
  }
  vswitch br-int {
    uplinks = [cx6.p0]
    offload = true
  }
  container web {
    iface net1 { attach = vf(cx6.p0, 0)  vlan = 200 }
    iface net2 { attach = vf(cx6.p1, 0)  vlan = 200 }
  }
  vm db {
    iface eth0 { attach = vf(cx6.p0, 1)  vlan = 300 }
  }
  iface mgmt { attach = vf(cx6.p0, 2)  vlan = 10  mac = 52:54:00:aa:00:02 }
}
`);

  it("netplan: the representor VFs get no `vlans` entry; the file and a warning at each say where the VLAN goes", () => {
    const { files, warnings } = emitNetplan(ir);
    expect(files.map((f) => f.text)).toEqual([
      `# Generated by sriovc compile --emit netplan for host worker-0 (docs/INTEROP.md).
# Bound to vfio-pci, so without a netdev for netplan to configure: p0v1 (worker-0.db.eth0).
# Representor ports, whose VLAN the vSwitch tags (a PF in switchdev mode refuses a VF VLAN): p0v0 (worker-0.web.net1) VLAN 200 on br-int, p0v1 (worker-0.db.eth0) VLAN 300 on br-int, p0v2 (worker-0.mgmt) VLAN 10 on br-int.
network:
  version: 2
  renderer: networkd
  ethernets:
    p0:
      mtu: 1500
      virtual-function-count: 4
      embedded-switch-mode: switchdev
    p1:
      mtu: 1500
      virtual-function-count: 2
      embedded-switch-mode: legacy
    p0v0:
      link: p0
    p1v0:
      link: p1
    p0v2:
      link: p0
      macaddress: 52:54:00:aa:00:02
  vlans:
    p1v0.200:
      id: 200
      link: p1v0
      renderer: sriov
`,
    ]);
    // The VM's is said by --emit libvirt, which would otherwise have written it as <vlan>.
    expect(warnings.map((w) => `${w.span?.line}:${w.span?.column} ${w.message} (${w.help})`)).toEqual([
      "12:5 `worker-0.web.net1` is a representor port of vSwitch `br-int` (its PF is in switchdev mode): its VLAN 200 is the representor's port tag, which netplan does not set (on the host, tag the port of the representor of p0's VF 0, which devlink finds by p0's PCI address 0000:3b:00.0 and the VF's index (its netdev name is udev's): `ovs-vsctl set Port \"$(devlink port show | awk -v dev=\"pci/0000:3b:00.0/\" -v vf=0 'index($1, dev) == 1 { delete a; for (i = 2; i < NF; i++) a[$i] = $(i + 1); if (a[\"flavour\"] == \"pcivf\" && a[\"vfnum\"] == vf && a[\"external\"] != \"true\") print a[\"netdev\"] }')\" tag=200`)",
      "18:3 `worker-0.mgmt` is a representor port of vSwitch `br-int` (its PF is in switchdev mode): its VLAN 10 is the representor's port tag, which netplan does not set (on the host, tag the port of the representor of p0's VF 2, which devlink finds by p0's PCI address 0000:3b:00.0 and the VF's index (its netdev name is udev's): `ovs-vsctl set Port \"$(devlink port show | awk -v dev=\"pci/0000:3b:00.0/\" -v vf=2 'index($1, dev) == 1 { delete a; for (i = 2; i < NF; i++) a[$i] = $(i + 1); if (a[\"flavour\"] == \"pcivf\" && a[\"vfnum\"] == vf && a[\"external\"] != \"true\") print a[\"netdev\"] }')\" tag=10`)",
      "7:3 vSwitch `worker-0.br-int` is not configured by netplan here (netplan's openvswitch section is not written; configure the vSwitch with its own tools)",
    ]);
  });

  it("the emitters take the representor port from the IR's `offload` (lowering's decision), not from the PF again", () => {
    // The host's mgmt is lowered as br-int's representor port like the VM's and the pod's VFs on p0.
    expect(ir.ifaces.map((f) => [f.id, f.offload?.vswitch ?? null])).toEqual([
      ["worker-0.web.net1", "worker-0.br-int"],
      ["worker-0.web.net2", null],
      ["worker-0.db.eth0", "worker-0.br-int"],
      ["worker-0.mgmt", "worker-0.br-int"],
    ]);
    // An IR whose mgmt is no representor port (as lowering once made every host's own VF) gets its VF VLAN back.
    const legacy: Ir = { ...ir, ifaces: ir.ifaces.map((f) => (f.id === "worker-0.mgmt" ? { ...f, offload: null } : f)) };
    const { files, warnings } = emitNetplan(legacy);
    expect(files[0]!.text).toContain("    p0v2.10:\n      id: 10\n      link: p0v2\n      renderer: sriov\n");
    expect(warnings.map((w) => w.message).filter((m) => m.includes("worker-0.mgmt"))).toEqual([]);
  });

  it.skipIf(!hasNetplan)("netplan: the file passes `netplan generate`", () => {
    const root = tempTree({});
    mkdirSync(path.join(root, "etc/netplan"), { recursive: true });
    const target = path.join(root, "etc/netplan/60-sriovc.yaml");
    writeFileSync(target, emitNetplan(ir).files[0]!.text);
    chmodSync(target, 0o600);
    const run = spawnSync("netplan", ["generate", "--root-dir", root], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toContain("WARNING");
  });

  it("libvirt: the VM's VF has no <vlan> (libvirt would set it through the PF, and the domain would not start)", () => {
    const { files, warnings } = emitLibvirt(ir);
    const db = files.find((f) => f.path === "worker-0/db.xml")!.text;
    expect(db).toContain("<source network='worker-0-cx6-p0'/>");
    expect(db).not.toContain("<vlan>");
    expect(warnings.map((w) => `${w.span?.line} ${w.message} (${w.help})`).filter((m) => m.includes("representor"))).toEqual([
      "16 `worker-0.db.eth0` is a representor port of vSwitch `br-int` (its PF is in switchdev mode): its VLAN 300 is the representor's port tag, not a `<vlan>` of the domain (on the host, tag the port of the representor of p0's VF 1, which devlink finds by p0's PCI address 0000:3b:00.0 and the VF's index (its netdev name is udev's): `ovs-vsctl set Port \"$(devlink port show | awk -v dev=\"pci/0000:3b:00.0/\" -v vf=1 'index($1, dev) == 1 { delete a; for (i = 2; i < NF; i++) a[$i] = $(i + 1); if (a[\"flavour\"] == \"pcivf\" && a[\"vfnum\"] == vf && a[\"external\"] != \"true\") print a[\"netdev\"] }')\" tag=300`; libvirt sets a `<vlan>` through the PF, which refuses it in switchdev mode, and the domain would not start)",
    ]);
    // A legacy PF's VF keeps its <vlan>.
    const legacy = emitLibvirt(irOfSource(`host h1 {\n  nic cx6 {\n    model = "nvidia-cx6"\n    pf p1 { vfs = 2 }\n  }\n  vm db {\n    iface eth0 { attach = vf(cx6.p1, 1)  vlan = 300 }\n  }\n}\n`));
    expect(legacy.files.find((f) => f.path === "h1/db.xml")!.text).toContain("<tag id='300'/>");
  });

  it("k8s: the pod's VLAN is the OVSNetwork's; the VM's SriovNetwork has none, and a warning says where it goes", () => {
    const { files, warnings } = emitK8s(ir);
    const networks = yamlObjects(files[0]!.text).filter((o) => String(o["kind"]).endsWith("Network")).map((o) => ({ kind: o["kind"], spec: o["spec"] }));
    expect(networks).toEqual([
      { kind: "OVSNetwork", spec: { resourceName: "sriovc_netdev_ovs_br_int_vlan10", networkNamespace: "default", bridge: "br-int", vlan: 10, ipam: "{}" } },
      { kind: "OVSNetwork", spec: { resourceName: "sriovc_netdev_ovs_br_int_vlan200", networkNamespace: "default", bridge: "br-int", vlan: 200, ipam: "{}" } },
      { kind: "SriovNetwork", spec: { resourceName: "sriovc_netdev_vlan200", networkNamespace: "default", vlan: 200, spoofChk: "on", trust: "off", ipam: "{}" } },
      { kind: "SriovNetwork", spec: { resourceName: "sriovc_vfio", networkNamespace: "default", spoofChk: "on", trust: "off", ipam: "{}" } },
    ]);
    expect(warnings.map((w) => `${w.span?.line} ${w.message} (${w.help})`).filter((m) => m.includes("representor"))).toEqual([
      "16 `worker-0.db.eth0` is bound to vfio-pci and a representor port of vSwitch `br-int`: operator objects do not plug its representor into the bridge, and its VLAN 300 is that port's tag, not the SriovNetwork's (a PF in switchdev mode refuses a VF VLAN) (where the VM is started (OpenStack's os-vif does it for a switchdev port), plug into `br-int` the representor of p0's VF 1, which devlink finds by p0's PCI address 0000:3b:00.0 and the VF's index (its netdev name is udev's): `ovs-vsctl add-port br-int \"$(devlink port show | awk -v dev=\"pci/0000:3b:00.0/\" -v vf=1 'index($1, dev) == 1 { delete a; for (i = 2; i < NF; i++) a[$i] = $(i + 1); if (a[\"flavour\"] == \"pcivf\" && a[\"vfnum\"] == vf && a[\"external\"] != \"true\") print a[\"netdev\"] }')\" tag=300`)",
    ]);
  });
});

describe("hugepages", () => {
  const ir = irOfSource(`host h1 {
  nic e810 {
    model = "intel-e810"
    pf p0 { vfs = 4 }
  }
  vm vnf {
    vcpus = 2
    memory = 8GiB
    hugepages = 1GiB
    iface data0 { attach = vf(e810.p0)  driver = dpdk }
  }
  vm web {
    memory = 2GiB
  }
  container upf {
    pin = [6, 7]
    hugepages = 2MiB
    hugepages_memory = 512MiB
    iface n3 { attach = vf(e810.p0)  driver = dpdk }
  }
}
`);

  it("libvirt: a VM's are its domain's <memoryBacking>, read back by the import, and pass virt-xml-validate", () => {
    const { files } = emitLibvirt(ir);
    const vnf = files.find((f) => f.path === "h1/vnf.xml")!.text;
    expect(vnf).toContain("  <memory unit='KiB'>8388608</memory>\n  <memoryBacking>\n    <hugepages>\n      <page size='1048576' unit='KiB'/>\n    </hugepages>\n  </memoryBacking>\n  <vcpu placement='static'>2</vcpu>\n");
    expect(files.find((f) => f.path === "h1/web.xml")!.text).not.toContain("memoryBacking");
    const network = files.find((f) => f.path === "h1/network-h1-e810-p0.xml")!.text;
    const imported = importFiles("libvirt", [{ path: "vnf.xml", text: vnf }, { path: "network.xml", text: network }], { host: "h1" });
    expect(imported.diagnostics.filter((d) => d.severity !== "info").map((d) => d.message)).toEqual([]);
    expect(imported.text).toMatch(/\n\s*hugepages = 1GiB\n/);
    if (hasVirtXmlValidate) {
      const root = tempTree({ "vnf.xml": vnf });
      const run = spawnSync("virt-xml-validate", [path.join(root, "vnf.xml")], { encoding: "utf8" });
      expect(run.status, `${run.stdout}${run.stderr}\n${vnf}`).toBe(0);
    }
  });

  it("k8s: a pod's are its pod spec's resources, which operator objects are not: a warning says what to write", () => {
    expect(emitK8s(ir).warnings.map((w) => `${w.span?.line}:${w.span?.column} ${w.message} (${w.help})`).filter((m) => m.includes("hugepages"))).toEqual([
      "15:3 `h1.upf`'s hugepages are its pod's `hugepages-2Mi` resource: a pod spec, which is not among operator objects (give the pod's container `resources: {requests: {hugepages-2Mi: 512Mi}, limits: {hugepages-2Mi: 512Mi}}` (requests equal to limits, beside its memory and CPU) and mount an `emptyDir: {medium: HugePages}` volume)",
    ]);
  });
});

describe("netplan: a DPDK VF on a ConnectX (mlx5) keeps its netdev", () => {
  it("is configured as a kernel VF is, with no warning", () => {
    const ir = irOfSource(`host h1 {
  nic cx {
    model = "nvidia-cx5"
    pf ens2f0 { vfs = 2 }
  }
  iface fast { attach = vf(cx.ens2f0)  driver = dpdk  vlan = 20 }
}
`);
    const { files, warnings } = emitNetplan(ir);
    expect(files[0]!.text).not.toContain("Bound to vfio-pci");
    expect(files[0]!.text).toContain("    ens2f0v0.20:\n      id: 20\n      link: ens2f0v0\n      renderer: sriov\n");
    expect(warnings).toEqual([]);
  });
});

describe("netplan: VLAN interface names fit Linux's 15 characters", () => {
  const vlanIr = (pfName: string, otherPf: string) =>
    irOfSource(`host h1 {
  nic e810_a {
    model = "intel-e810"
    pf ${pfName} { vfs = 2 }
    pf ${otherPf} { vfs = 1 }
  }
  container v {
    pin = [2, 3]
    iface a { attach = vf(e810_a.${pfName}) vlan = 100 }
    iface b { attach = vf(e810_a.${pfName}) vlan = 100 }
    iface c { attach = vf(e810_a.${otherPf}) vlan = 100 }
  }
}
`);
  const vlans = (text: string) => [...text.matchAll(/^ {4}(\S+):\n {6}id: (\d+)\n {6}link: (\S+)$/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
  it("`PFvN.VLAN` when it fits, `pfKvN.VLAN` (K the PF's place on the host) when it does not", () => {
    const { files, warnings } = emitNetplan(vlanIr("data", "p1"));
    // `datav0.100` fits; `p1v0.100` too. A PF called `data_plane_x` gives `data_plane_xv0.100`, 19 characters.
    expect(vlans(files[0]!.text)).toEqual(["datav0.100 100 datav0", "datav1.100 100 datav1", "p1v0.100 100 p1v0"]);
    expect(warnings).toEqual([]);
    const long = emitNetplan(vlanIr("data_plane_x", "p1"));
    expect(vlans(long.files[0]!.text)).toEqual(["pf0v0.100 100 data_plane_xv0", "pf0v1.100 100 data_plane_xv1", "p1v0.100 100 p1v0"]);
  });
  it("a short name that is another PF's own is a warning, not an interface written over", () => {
    // The long PF is the host's first (K = 0), and a PF called `pf0` has its VF 0 on VLAN 100: both want `pf0v0.100`.
    const { files, warnings } = emitNetplan(vlanIr("data_plane_x", "pf0"));
    expect(vlans(files[0]!.text)).toEqual(["pf0v0.100 100 data_plane_xv0", "pf0v1.100 100 data_plane_xv1"]);
    expect(warnings.map((w) => `${w.span?.line} ${w.message} (${w.help})`)).toEqual([
      "11 `h1.v.c`: its VLAN interface would be named `pf0v0.100`, as another's is: it is not written (rename one of the PFs: a VLAN interface whose name `PFvN.VLAN` is longer than Linux's 15 characters is named `pfKvN.VLAN`, K its PF's place on the host)",
    ]);
  });
});

describe("libvirt on interfaces that are not a VM's", () => {
  const ir = irOfSource(`host h1 {
  hypervisor = none
  nic e810 {
    model = "intel-e810"
    pf p0 { vfs = 2 }
    pf p1 {}
  }
  iface node0 { attach = pf(e810.p1) }
  container web { iface net1 { attach = vf(e810.p0) } }
}
`);
  it("names a container's interface as a container's, not as the host's own", () => {
    expect(emitLibvirt(ir).warnings.map((w) => `${w.span?.line} ${w.message} (${w.help})`)).toEqual([
      "8 `h1.node0` is a host's own interface: libvirt describes VMs (`--emit netplan` configures the host's side)",
      "9 `h1.web.net1` is a container's interface: libvirt describes VMs (`--emit k8s` describes a pod's VFs, `--emit netplan` the host's side)",
    ]);
  });
});

describe("libvirt: the domain's name", () => {
  const host = (vms: string) => `host h1 {\n${vms}}\n`;
  const names = (ir: ReturnType<typeof irOfSource>) => emitLibvirt(ir).files.map((f) => `${f.path} ${/<name>(.*)<\/name>/.exec(f.text)?.[1]}`);
  it("is the VM's `domain` where written (escaped), else its name", () => {
    const ir = irOfSource(host('  vm web_01 {\n    domain = "web01.example.com & <co>"\n  }\n  vm db {}\n'));
    expect(names(ir)).toEqual(["h1/web_01.xml web01.example.com &amp; &lt;co&gt;", "h1/db.xml db"]);
    expect(emitLibvirt(ir).warnings).toEqual([]);
  });

  it("two VMs of a host that are one domain are said at the second: defining it would replace the first", () => {
    const ir = irOfSource(host('  vm db {}\n  vm db2 {\n    domain = "db"\n  }\n'));
    expect(emitLibvirt(ir).warnings.map((w) => `${w.span?.line}:${w.span?.column} ${w.message} (${w.help})`)).toEqual([
      "3:3 `h1.db2` and `h1.db` are both domain `db` on `h1`: libvirt keeps one domain of a name, so defining the second replaces the first (give each VM of a host its own `domain`)",
    ]);
    // One name on two hosts is two domains.
    expect(emitLibvirt(irOfSource(host("  vm db {}\n") + "host h2 {\n  vm db {}\n}\n")).warnings).toEqual([]);
  });
});

describe("libvirt: a vSwitch interface's queues (multiqueue virtio-net)", () => {
  const text = (type: string, queues: number) =>
    `host h1 {\n  cores = 8\n  nic x {\n    model = "intel-x710"\n    pf p0 {}\n  }\n  vswitch br0 {\n    type = ${type}\n    uplinks = [x.p0]\n  }\n  vm web {\n    vcpus = 4\n    iface eth0 {\n      attach = vswitch(br0)\n      queues = ${queues}\n    }\n  }\n}\n`;
  const driver = (xml: string) => /<driver[^>]*\/>/.exec(xml)?.[0];
  it("are written as <driver queues>, read back by the import, and pass virt-xml-validate", () => {
    for (const [type, expected] of [
      ["ovs", "<driver name='vhost' queues='4'/>"],
      ["linux_bridge", "<driver name='vhost' queues='4'/>"],
      ["ovs_dpdk", "<driver queues='4'/>"],
    ] as const) {
      const { files } = emitLibvirt(irOfSource(text(type, 4)));
      const domain = files.find((f) => f.path === "h1/web.xml")!;
      expect(driver(domain.text), type).toBe(expected);
      const imported = importFiles("libvirt", [{ path: "web.xml", text: domain.text }], { host: "h1" });
      expect(imported.diagnostics.filter((d) => d.severity !== "info").map((d) => d.message), type).toEqual([]);
      expect(imported.text, type).toMatch(/\n\s*queues = 4\n/);
      if (hasVirtXmlValidate) {
        const root = tempTree({ "web.xml": domain.text });
        const run = spawnSync("virt-xml-validate", [path.join(root, "web.xml")], { encoding: "utf8" });
        expect(run.status, `${type}\n${run.stdout}${run.stderr}\n${domain.text}`).toBe(0);
      }
    }
    // One queue, the default, is no <driver>.
    expect(driver(emitLibvirt(irOfSource(text("ovs", 1))).files.find((f) => f.path === "h1/web.xml")!.text)).toBeUndefined();
  });
});

describe("libvirt: a VM with a vhost-user port (OVS-DPDK) has its memory shared", () => {
  const text = (hugepages: string) =>
    `host h1 {\n  cores = 8\n  nic x {\n    model = "intel-x710"\n    pf p0 {}\n  }\n  vswitch br0 {\n    type = ovs_dpdk\n    uplinks = [x.p0]\n  }\n  vm web {\n    memory = 4GiB\n${hugepages}    iface eth0 { attach = vswitch(br0) }\n  }\n}\n`;
  const backing = (xml: string) => /\n {2}<memoryBacking>\n[\s\S]*?<\/memoryBacking>\n/.exec(xml)?.[0];
  it("as a memfd without hugepages, with the hugepages when it has them; read back by the import, and passes virt-xml-validate", () => {
    for (const [hugepages, expected, imported] of [
      ["", "\n  <memoryBacking>\n    <source type='memfd'/>\n    <access mode='shared'/>\n  </memoryBacking>\n", undefined],
      ["    hugepages = 1GiB\n", "\n  <memoryBacking>\n    <hugepages>\n      <page size='1048576' unit='KiB'/>\n    </hugepages>\n    <access mode='shared'/>\n  </memoryBacking>\n", "1GiB"],
    ] as const) {
      const domain = emitLibvirt(irOfSource(text(hugepages))).files.find((f) => f.path === "h1/web.xml")!.text;
      expect(backing(domain), hugepages).toBe(expected);
      const back = importFiles("libvirt", [{ path: "web.xml", text: domain }], { host: "h1" });
      expect(back.diagnostics.filter((d) => d.severity !== "info").map((d) => d.message), hugepages).toEqual([]);
      if (imported === undefined) expect(back.text).not.toContain("hugepages");
      else expect(back.text).toMatch(new RegExp(`\\n\\s*hugepages = ${imported}\\n`));
      if (hasVirtXmlValidate) {
        const root = tempTree({ "web.xml": domain });
        const run = spawnSync("virt-xml-validate", [path.join(root, "web.xml")], { encoding: "utf8" });
        expect(run.status, `${run.stdout}${run.stderr}\n${domain}`).toBe(0);
      }
    }
    // A kernel vSwitch's port (vhost-net in the host's kernel) needs no shared memory.
    expect(emitLibvirt(irOfSource(text("").replace("ovs_dpdk", "ovs"))).files.find((f) => f.path === "h1/web.xml")!.text).not.toContain("memoryBacking");
  });
});

describe("emitting a vDPA interface", () => {
  // vDPA needs its PF in switchdev mode: an offloading vSwitch's uplink (vdpa-without-switchdev).
  const ir = irOfSource(`host h1 {
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 2 }
  }
  vswitch br-int { uplinks = [cx6.p0]  offload = true }
  vm web {
    live_migration = true
    iface eth0 { attach = vdpa(cx6.p0) }
  }
}
`);
  it("names it a vDPA device in both emitters, which leave it out", () => {
    // The operator has vDPA (`vdpaType`), for pods: the warning does not say it has none.
    expect(emitK8s(ir).warnings.map((w) => w.message)).toContain("`h1.web.eth0` is a VM's vDPA device: the operator's `vdpaType` gives pods vDPA devices, not VMs");
    expect(emitLibvirt(ir).warnings.map((w) => w.message)).toEqual(["`h1.web.eth0` is a vDPA device: its `/dev/vhost-vdpa-N` path is known only on the host"]);
  });
});

describe("--emit k8s: one settings group on VFs of a PF that are not contiguous", () => {
  // VFs 1 and 3-4 share their settings, VF 2 differs. The operator keeps one VF group per resource and PF
  // (mergeConfigs skips a group with the same resourceName), so one resource over two ranges of a PF
  // would configure only the range of the policy it applies last.
  const ir = irOfSource(`host h0 {
  cores = 8
  nic n0 {
    model = "intel-x710"
    pf p0 { vfs = 6 }
  }
  iface a { attach = vf(n0.p0, 1)  spoofchk = false }
  iface b { attach = vf(n0.p0, 2) }
  iface c { attach = vf(n0.p0, 3)  spoofchk = false }
  iface d { attach = vf(n0.p0, 4)  spoofchk = false }
}
`);
  const objects = () => yamlObjects(emitK8s(ir).files[0]!.text) as { kind: string; spec: { resourceName: string; spoofChk?: string; nicSelector?: { pfNames: string[] } } }[];

  it("each run after the first gets a resource of its own, with a SriovNetwork of the same settings", () => {
    const policies = objects().filter((o) => o.kind === "SriovNetworkNodePolicy").map((o) => `${o.spec.nicSelector!.pfNames.join(",")} ${o.spec.resourceName}`);
    expect(policies.sort()).toEqual(["p0#1-1 sriovc_netdev_nospoof", "p0#2-2 sriovc_netdev", "p0#3-4 sriovc_netdev_nospoof_2"]);
    const networks = objects().filter((o) => o.kind === "SriovNetwork").map((o) => `${o.spec.resourceName} spoofChk=${o.spec.spoofChk}`);
    expect(networks).toEqual(["sriovc_netdev spoofChk=on", "sriovc_netdev_nospoof spoofChk=off", "sriovc_netdev_nospoof_2 spoofChk=off"]);
  });

  it("read back as the operator merges policies, every VF keeps its settings", () => {
    const imported = importFiles("k8s", [{ path: "emitted.yaml", text: emitK8s(ir).files[0]!.text }]);
    expect(imported.diagnostics).toEqual([]);
    const back = irOfSource(imported.text).ifaces.map((i) => `${i.attachment.kind === "vf" ? i.attachment.vf : "?"} spoofchk=${i.spoofchk}`);
    expect(back.sort()).toEqual(["1 spoofchk=false", "2 spoofchk=true", "3 spoofchk=false", "4 spoofchk=false"]);
  });
});

describe("--emit k8s: the nicSelector's deviceID, which the operator matches exactly", () => {
  // A catalogue model is a family of boards: intel-e810 is 8086:1592, 1593, 159b, 1599 and 1591. The
  // topology does not say which, and a policy with another board's deviceID selects no interface (the
  // webhook refuses it), so the id is written only for a model that has one.
  const state = (device: string) => `apiVersion: sriovnetwork.openshift.io/v1
kind: SriovNetworkNodeState
metadata:
  name: worker-1
status:
  interfaces:
    - name: ens5f0
      pciAddress: "0000:86:00.0"
      vendor: "8086"
      deviceID: "${device}"
      mtu: 1500
      totalvfs: 64
      numVfs: 4
`;
  const selectors = (ir: ReturnType<typeof irOfSource>) =>
    yamlObjects(emitK8s(ir).files[0]!.text)
      .filter((o) => o["kind"] === "SriovNetworkNodePolicy")
      .map((o) => (o as { spec: { nicSelector: Record<string, unknown> } }).spec.nicSelector);

  it("a node state's E810-XXV (159b), imported and emitted, is selected by the policy written for it", () => {
    const imported = importFiles("k8s", [{ path: "state.yaml", text: state("159b") }]);
    const ir = irOfSource(imported.text);
    expect(ir.nics.map((n) => n.model)).toEqual(["intel-e810"]);
    expect(selectors(ir)).toEqual([{ vendor: "8086", pfNames: ["ens5f0"], rootDevices: ["0000:86:00.0"] }]);
    const root = tempTree({ "state.yaml": state("159b"), "emitted.yaml": emitK8s(ir).files[0]!.text });
    const found = checkEntries([path.join(root, "state.yaml"), path.join(root, "emitted.yaml")], { cwd: root }).diagnostics;
    expect(found.filter((d) => d.rule.startsWith("policy-")).map((d) => `${d.span.file}:${d.span.line} ${d.rule}: ${d.message}`)).toEqual([]);
  });

  it("a model with one device id keeps it", () => {
    const ir = irOfSource('host h1 {\n  nic cx6 {\n    model = "nvidia-cx6"\n    pf p0 { vfs = 2 }\n  }\n}\n');
    expect(selectors(ir)).toEqual([{ vendor: "15b3", deviceID: "101d", pfNames: ["p0"] }]);
  });
});
