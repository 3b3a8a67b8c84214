/** The counts at the top of both HTML layouts. */
import { describe, expect, it } from "vitest";
import { topologyTiles } from "../../src/report/topology-tiles.js";
import { lowerText } from "./html-samples.js";

const TOPOLOGY = `host h1 {
  cores = 8
  hypervisor = kvm
  hypervisor_cores = [0]
  iommu = true
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { pci = 0000:3b:00.0  speed = 25Gbps  vfs = 6 }
  }
  // vDPA needs the PF in switchdev mode: an offloading vSwitch's uplink.
  vswitch br-int { uplinks = [cx6.p0]  offload = true }
  vm plain {
    vcpus = 1
    memory = 2GiB
    iface eth0 { attach = vf(cx6.p0) }
  }
  vm virtio[1..2] {
    vcpus = 1
    memory = 2GiB
    iface eth0 { attach = vdpa(cx6.p0) }
  }
}
`;

describe("topology tiles", () => {
  it("count a vDPA device among the VFs used: it sits on one of the PF's VFs", () => {
    const tiles = new Map(topologyTiles(lowerText(TOPOLOGY)));
    expect(tiles.get("VFs used / enabled")).toBe("3 / 6");
    expect(tiles.get("VMs")).toBe("3");
    expect(tiles.get("interfaces")).toBe("3");
  });
});

describe("the PF tables of both layouts", () => {
  it("count the vDPA devices among a PF's VFs used, as the tiles do", async () => {
    const { renderHtml } = await import("../../src/report/html.js");
    const { fleetSections } = await import("../../src/report/html-fleet.js");
    const { simulate, withSettings } = await import("../../src/sim/simulate.js");
    const ir = withSettings(lowerText(TOPOLOGY), { durationNs: 1_000_000 });
    const outcome = simulate(ir);
    if (!outcome.ok) throw new Error(outcome.message);
    const report = outcome.report;
    // The small layout closes its cells and right-aligns figures; the large one leaves out end tags.
    const row = /<tr><td>h1\.cx6\.p0(?:<\/td>)?<td>nvidia-cx6(?:<\/td>)?<td[^>]*>25\.0 Gbps(?:<\/td>)?<td[^>]*>([^<\n]*)/;
    expect(renderHtml(report, { ir }).match(row)?.[1]).toBe("3 / 6 (127)");
    expect(fleetSections(report, ir).sections.join("").match(row)?.[1]).toBe("3 / 6 (127)");
  });
});

describe("the ITR column of both layouts", () => {
  it("says adaptive for adaptive moderation, not only the interval it starts from", async () => {
    const { renderHtml } = await import("../../src/report/html.js");
    const { fleetSections } = await import("../../src/report/html-fleet.js");
    const { simulate, withSettings } = await import("../../src/sim/simulate.js");
    const ir = withSettings(
      lowerText(`host h1 {
  nic x {
    model = "intel-x710"
    pf p0 { itr = adaptive }
    pf p1 { itr = 50us }
    pf p2 { itr = 0 }
    pf p3 { }
  }
}
`),
      { durationNs: 1_000_000 },
    );
    const outcome = simulate(ir);
    if (!outcome.ok) throw new Error(outcome.message);
    const itrs = (html: string) =>
      ["p0", "p1", "p2", "p3"].map((pf) => html.match(new RegExp(`<tr><td>h1\\.x\\.${pf}(?:(?:</td>)?<td[^>]*>[^<\\n]*){4}(?:</td>)?<td[^>]*>([^<\\n]*)`))?.[1]);
    const expected = ["adaptive (from 50.0 µs)", "50.0 µs", "0", "adaptive (from 50.0 µs)"];
    expect(itrs(renderHtml(outcome.report, { ir }))).toEqual(expected);
    expect(itrs(fleetSections(outcome.report, ir).sections.join(""))).toEqual(expected);
  });
});
