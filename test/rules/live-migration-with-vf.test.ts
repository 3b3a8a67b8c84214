import { describe, expect, it } from "vitest";
import { at, findingsOf } from "../helpers/check-source.js";

const topology = (migrate: string, attach: string) => `host h1 {
  nic x710 {
    model = "intel-x710"
    pf pf0 { vfs = 2 }
  }
  vm web {
    pin = 2..3
    live_migration = ${migrate}
    iface eth0 { attach = ${attach} }
  }
}
`;

describe("live-migration-with-vf", () => {
  it("reports a VF on a VM meant to live-migrate", () => {
    const text = topology("true", "vf(x710.pf0)");
    expect(findingsOf("live-migration-with-vf", text)).toEqual([
      {
        ...at(text, "vf(x710.pf0)"),
        message: "vm web is meant to live-migrate, but web.eth0 is a VF of x710.pf0 passed through to it: a VM with a VF cannot be live-migrated",
        help: "attach web.eth0 with `vmdq(x710.pf0)`, or set `live_migration = false`",
      },
    ]);
  });

  it("is quiet without live migration or without a VF", () => {
    expect(findingsOf("live-migration-with-vf", topology("false", "vf(x710.pf0)"))).toEqual([]);
    expect(findingsOf("live-migration-with-vf", topology("true", "vmdq(x710.pf0)"))).toEqual([]);
  });
});
