/** `hostOfId` (src/domain/entity-id.ts): an id's host is its first name. */
import { describe, expect, it } from "vitest";
import { hostOfId } from "../../src/domain/entity-id.js";
import { modelOf } from "../helpers/check-source.js";

describe("hostOfId", () => {
  it("is the first name of a dotted id, and a host's id itself", () => {
    expect(hostOfId("h1")).toBe("h1");
    expect(hostOfId("h1.web.eth0")).toBe("h1");
    expect(hostOfId("edge-2.eth0")).toBe("edge-2");
  });

  it("names the host the model gives every interface, NIC and PF", () => {
    const model = modelOf(`host h1 {
  nic x { model = "intel-x710"  pf p0 { vfs = 2 } }
  vm a { iface e0 { attach = vf(x.p0) } }
  iface own { attach = vf(x.p0) }
}
host h_2 {
  nic y { model = "intel-x710"  pf p0 { vfs = 1 } }
  container c { iface e0 { attach = vf(y.p0) } }
}
`);
    const entities = [...model.ifaces, ...model.nics, ...model.pfs];
    expect(entities.length).toBe(7);
    for (const e of entities) expect([e.id, hostOfId(e.id)]).toEqual([e.id, e.host]);
  });
});
