/**
 * The round trip: `import(emit(x))` gives back `x` for everything the format carries (docs/INTEROP.md,
 * "What each direction keeps"), over random topologies. Both sides are compared as projections of their
 * IR; the imported program must also check without errors.
 *
 * - k8s carries per host and PF (by kernel name): the VF count, MTU, PCI address and NIC model (a model
 *   with one PCI device id); per VF interface: the VF index, whether a VM (vfio-pci) or the host
 *   (netdevice) uses it, VLAN, spoof checking, trust and rate limit.
 * - libvirt carries per VM: vCPUs, pinning, NUMA node, memory; per VM interface: its name, MAC, VLAN, MTU
 *   and data path (the PF of a VF by kernel name, a vSwitch by name and type).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { kernelNames } from "../../src/interop/emit/common.js";
import { emitK8s } from "../../src/interop/emit/k8s.js";
import { emitLibvirt } from "../../src/interop/emit/libvirt.js";
import { importFiles } from "../../src/interop/import/index.js";
import { pciIdsOfModel } from "../../src/interop/pci-ids.js";
import type { Ir } from "../../src/lower/ir.js";
import { irOfSource } from "./support.js";
import { propertyRuns } from "../helpers/property.js";

interface PfSpec {
  readonly vfs: number;
  readonly mtu: number;
  readonly pci: boolean;
  readonly users: readonly { vf: number; vm: boolean; vlan: number | null; spoofchk: boolean; trust: boolean; rateMbps: number | null; mac: boolean }[];
}
interface NicSpec {
  readonly model: string;
  readonly pfs: readonly PfSpec[];
}

const pfArb: fc.Arbitrary<PfSpec> = fc.integer({ min: 1, max: 6 }).chain((vfs) =>
  fc.record({
    vfs: fc.constant(vfs),
    mtu: fc.constantFrom(1500, 9000),
    pci: fc.boolean(),
    users: fc.subarray(Array.from({ length: vfs }, (_, i) => i)).chain((indices) =>
      fc.tuple(
        ...indices.map((vf) =>
          fc.record({
            vf: fc.constant(vf),
            vm: fc.boolean(),
            vlan: fc.option(fc.integer({ min: 1, max: 4094 }), { nil: null }),
            spoofchk: fc.boolean(),
            trust: fc.boolean(),
            rateMbps: fc.option(fc.integer({ min: 1, max: 100 }).map((n) => n * 100), { nil: null }),
            mac: fc.boolean(),
          }),
        ),
      ),
    ),
  }),
);
const nicArb: fc.Arbitrary<NicSpec> = fc.record({ model: fc.constantFrom("intel-x710", "intel-xxv710", "nvidia-cx5", "intel-e810", "intel-e823c", "intel-i350", "generic"), pfs: fc.array(pfArb, { minLength: 1, maxLength: 2 }) });
const hostArb = fc.array(nicArb, { minLength: 1, maxLength: 2 });

/** `.sriov` text of hosts; `vmsOnly` keeps only VM interfaces (libvirt describes VMs). */
function source(hosts: readonly (readonly NicSpec[])[], vmsOnly: boolean): string {
  let n = 0;
  let mac = 0;
  return hosts
    .map((nics, h) => {
      const body: string[] = ["  cores = 64"];
      const workloads: string[] = [];
      nics.forEach((nic, i) => {
        body.push(`  nic n${i} {`, `    model = "${nic.model}"`);
        nic.pfs.forEach((pf, j) => {
          body.push(`    pf p${j} {`, `      vfs = ${pf.vfs}`, `      max_vfs = 64`, `      mtu = ${pf.mtu}`);
          if (pf.pci) body.push(`      pci = 0000:${(h * 16 + i + 1).toString(16).padStart(2, "0")}:00.${j}`);
          body.push("    }");
          for (const u of pf.users) {
            if (vmsOnly && !u.vm) continue;
            const attrs = [`attach = vf(n${i}.p${j}, ${u.vf})`, `spoofchk = ${u.spoofchk}`, `trust = ${u.trust}`];
            if (u.vlan !== null) attrs.push(`vlan = ${u.vlan}`);
            if (u.rateMbps !== null) attrs.push(`rate_limit = ${u.rateMbps}Mbps`);
            if (u.mac) attrs.push(`mac = 52:54:00:00:${(mac >> 8).toString(16).padStart(2, "0")}:${(mac++ & 255).toString(16).padStart(2, "0")}`);
            const k = n++;
            if (u.vm) workloads.push(`  vm v${k} {`, `    vcpus = 1`, `    memory = ${1 + (k % 3)}GiB`, `    iface eth0 {`, ...attrs.map((a) => `      ${a}`), "    }", "  }");
            else workloads.push(`  iface i${k} {`, ...attrs.map((a) => `    ${a}`), "  }");
          }
        });
        body.push("  }");
      });
      return `host h${h} {\n${[...body, ...workloads].join("\n")}\n}\n`;
    })
    .join("\n");
}

/**
 * The model as policies carry it: by vendor and deviceID, written only for a model with one device id (a
 * model with several, intel-e810's 1592, 1593, 159b…, would select no interface on the other boards); the
 * others read back as `generic`.
 */
const carriedModel = (model: string): string => (pciIdsOfModel(model).length === 1 ? model : "generic");

function k8sProjection(ir: Ir) {
  const kernel = kernelNames(ir.pfs);
  const models = new Map(ir.nics.map((n) => [n.id, carriedModel(n.model)]));
  const pfs = ir.pfs.filter((pf) => pf.vfs > 0).map((pf) => `${pf.host} ${kernel.get(pf.id)} vfs=${pf.vfs} mtu=${pf.mtu} pci=${pf.pci} model=${models.get(pf.nic)}`);
  const vfs = ir.ifaces.flatMap((i) =>
    i.attachment.kind === "vf" ? [`${i.host} ${kernel.get(i.attachment.pf)}#${i.attachment.vf} ${i.vm === null ? "netdevice" : "vfio-pci"} vlan=${i.vlan} spoofchk=${i.spoofchk} trust=${i.trust} rate=${i.rateLimitBps}`] : [],
  );
  return { pfs: pfs.sort(), vfs: vfs.sort() };
}

function libvirtProjection(ir: Ir) {
  const kernel = kernelNames(ir.pfs);
  const local = (id: string) => id.slice(id.lastIndexOf(".") + 1);
  const vms = ir.vms.map((vm) => `${local(vm.id)} vcpus=${vm.vcpus} pin=${vm.pin.join(",")} numa=${vm.numa} memory=${vm.memoryBytes}`);
  const ifaces = ir.ifaces.flatMap((i) =>
    i.vm === null ? [] : [`${local(i.vm)}.${local(i.id)} mac=${i.mac} vlan=${i.vlan} mtu=${i.mtu} ${i.attachment.kind === "vf" ? `vf ${kernel.get(i.attachment.pf)}` : i.attachment.kind}`],
  );
  return { vms: vms.sort(), ifaces: ifaces.sort() };
}

describe("import(emit(x)) == x for what the format carries", () => {
  it("k8s", () => {
    fc.assert(
      fc.property(fc.array(hostArb, { minLength: 1, maxLength: 2 }), (hosts) => {
        const ir = irOfSource(source(hosts, false));
        const yaml = emitK8s(ir).files[0]!.text;
        const imported = importFiles("k8s", [{ path: "emitted.yaml", text: yaml }]);
        expect(imported.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(k8sProjection(irOfSource(imported.text))).toEqual(k8sProjection(ir));
      }),
      propertyRuns(40, 1001),
    );
  });

  it("libvirt", () => {
    fc.assert(
      fc.property(hostArb, (nics) => {
        const ir = irOfSource(source([nics], true));
        const files = emitLibvirt(ir).files.map((f) => ({ path: f.path, text: f.text }));
        const imported = importFiles("libvirt", files, { host: "h0" });
        expect(imported.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        expect(libvirtProjection(irOfSource(imported.text))).toEqual(libvirtProjection(ir));
      }),
      propertyRuns(40, 1002),
    );
  });
});
