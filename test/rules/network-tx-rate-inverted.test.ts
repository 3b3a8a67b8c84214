import { describe, expect, it } from "vitest";
import { findingsIn, network } from "../helpers/check-interop.js";

describe("network-tx-rate-inverted", () => {
  it("minTxRate above maxTxRate, at minTxRate, with maxTxRate as related", () => {
    expect(findingsIn("network-tx-rate-inverted", { "n.yaml": network("  resourceName: r\n  minTxRate: 200\n  maxTxRate: 100\n") })).toEqual([
      {
        at: "n.yaml:7:14",
        message: "`minTxRate: 200` is above `maxTxRate: 100` (Mbps): the driver refuses the VF's rate settings, and the pod's interface is not set up",
        help: "lower `minTxRate` to 100 or less, or raise `maxTxRate` to 200 or more",
        related: ["n.yaml:8:14 maxTxRate set here"],
      },
    ]);
  });

  it("equal rates and maxTxRate 0 (no limit) are fine", () => {
    expect(findingsIn("network-tx-rate-inverted", { "n.yaml": network("  resourceName: r\n  minTxRate: 100\n  maxTxRate: 100\n") })).toEqual([]);
    expect(findingsIn("network-tx-rate-inverted", { "n.yaml": network("  resourceName: r\n  minTxRate: 100\n  maxTxRate: 0\n") })).toEqual([]);
  });
});
