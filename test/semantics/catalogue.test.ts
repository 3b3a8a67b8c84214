import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOGUE_PATH, defaultCatalogue, loadCatalogue, parseCatalogue } from "../../src/semantics/catalogue.js";

const REQUIRED_MODELS = ["generic", "intel-82599", "intel-x520", "intel-x710", "intel-xl710", "intel-xl710-4x10g", "intel-xxv710", "intel-e810", "intel-e823c", "intel-i350", "nvidia-cx5", "nvidia-cx6", "broadcom-57414"];

function shipped(): { models: Record<string, Record<string, unknown>> } {
  return JSON.parse(readFileSync(CATALOGUE_PATH, "utf8")) as { models: Record<string, Record<string, unknown>> };
}

describe("NIC catalogue", () => {
  it("ships every model LANGUAGE.md names, valid against its schema", () => {
    const result = loadCatalogue();
    expect(result.ok).toBe(true);
    expect([...defaultCatalogue().models.keys()].sort()).toEqual([...REQUIRED_MODELS].sort());
  });

  it("names a source for every figure", () => {
    for (const model of defaultCatalogue().models.values()) {
      for (const field of ["ports", "maxVfsPerPf", "maxVfsPerDevice", "vmdqPoolsPerPf", "msixPerPf", "queuesPerPf", "defaultSpeedBps", "defaultItrS", "switchdev", "offloadFeatures", "vdpa", "maxQueuesPerVf", "maxQueuesPerVmdqPool"]) {
        expect(model.sources[field], `${model.id}.${field}`).toMatch(/\w{3}/);
      }
    }
  });

  it("docs/NIC-CATALOGUE.md has a row for every model in both of its tables, and none for a model the data lacks", () => {
    const doc = readFileSync(new URL("../../docs/NIC-CATALOGUE.md", import.meta.url), "utf8");
    const tables = doc.split(/^#+ /m).filter((section) => /^(Figures|Switchdev, offload)/.test(section));
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      const rows = [...table.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
      expect(rows.sort()).toEqual([...defaultCatalogue().models.keys()].sort());
    }
  });

  it("keeps the per-device VF limit at or above the per-PF one", () => {
    for (const model of defaultCatalogue().models.values()) expect(model.maxVfsPerDevice, model.id).toBeGreaterThanOrEqual(model.maxVfsPerPf);
  });

  it("holds the figures checked against their sources", () => {
    const models = defaultCatalogue().models;
    expect(models.get("intel-82599")!.maxVfsPerPf).toBe(63);
    expect(models.get("intel-x710")!.maxVfsPerDevice).toBe(128);
    expect(models.get("intel-xl710")!.maxVfsPerPf).toBe(64);
    expect(models.get("intel-e810")!.maxVfsPerDevice).toBe(256);
    expect(models.get("nvidia-cx5")!.maxVfsPerPf).toBe(127);
    // Corrected against driver sources (docs/NIC-CATALOGUE.md): ixgbe starts its adaptive ITR at 50 us, and
    // i40e opens up to 64 queues per PF.
    expect(models.get("intel-82599")!.defaultItrS).toBe(50e-6);
    expect(models.get("intel-x710")!.queuesPerPf).toBe(64);
    expect(models.get("intel-x710")!.msixPerPf).toBe(129);
    // Added for the ids real node states list: igb.rst max_vfs 0-7, igb.h MAX_MSIX_ENTRIES 10 and IGB_START_ITR
    // 648 quarter-microseconds; two-port and four-port Fortville 64 and 32 VFs per PF, 128 per device.
    expect(models.get("intel-i350")!.maxVfsPerPf).toBe(7);
    expect(models.get("intel-i350")!.msixPerPf).toBe(10);
    expect(models.get("intel-i350")!.defaultItrS).toBeCloseTo(162e-6, 12);
    expect([models.get("intel-xxv710")!.maxVfsPerPf, models.get("intel-xxv710")!.maxVfsPerDevice, models.get("intel-xxv710")!.defaultSpeedBps]).toEqual([64, 128, 25e9]);
    expect([models.get("intel-xl710-4x10g")!.ports, models.get("intel-xl710-4x10g")!.maxVfsPerPf, models.get("intel-xl710-4x10g")!.maxVfsPerDevice]).toEqual([4, 32, 128]);
    expect(models.get("intel-e823c")!.maxVfsPerDevice).toBe(256);
  });

  it("holds the switchdev, offload, vDPA and queue figures checked against driver sources", () => {
    const models = defaultCatalogue().models;
    // ice: switchdev with tc-flower on representors; forward/drop and VXLAN/GENEVE tunnels, no conntrack.
    expect(models.get("intel-e810")!.switchdev).toBe(true);
    expect(models.get("intel-e810")!.offloadFeatures).toEqual(["acl", "vxlan", "geneve"]);
    expect(models.get("intel-e810")!.maxQueuesPerVf).toBe(16);
    // The mlx5 vDPA driver lists ConnectX-6 Dx, not ConnectX-5.
    expect(models.get("nvidia-cx6")!.vdpa).toBe(true);
    expect(models.get("nvidia-cx5")!.vdpa).toBe(false);
    expect(models.get("nvidia-cx6")!.offloadFeatures).toContain("conntrack");
    // DPDK's Linux drivers guide: mlx5 is the bifurcated model (DPDK on the kernel driver); the others bind vfio-pci.
    expect([...models.values()].filter((m) => m.dpdkBifurcated).map((m) => m.id)).toEqual(["nvidia-cx5", "nvidia-cx6"]);
    // ixgbevf opens at most 2 RSS queues; i40e VFs up to 16; 82599 in 64-pool mode has 2 queues per pool.
    expect(models.get("intel-82599")!.maxQueuesPerVf).toBe(2);
    expect(models.get("intel-x710")!.maxQueuesPerVf).toBe(16);
    expect(models.get("intel-82599")!.maxQueuesPerVmdqPool).toBe(2);
    // Unknown means unsupported: no switchdev, nothing offloadable, no vDPA.
    for (const id of ["generic", "intel-82599", "intel-x520", "intel-x710", "intel-xl710"]) {
      const model = models.get(id)!;
      expect([model.switchdev, model.vdpa, model.offloadFeatures.length], id).toEqual([false, false, 0]);
    }
  });

  it("offers offloadable features only on a model with switchdev, and VMDq pool queues only with pools", () => {
    for (const model of defaultCatalogue().models.values()) {
      if (!model.switchdev) expect(model.offloadFeatures, model.id).toEqual([]);
      if (model.vmdqPoolsPerPf === 0) expect(model.maxQueuesPerVmdqPool, model.id).toBe(0);
    }
  });

  it("says of every unverified figure that it is an estimate or a modelling choice", () => {
    for (const [id, model] of Object.entries(shipped().models)) {
      for (const [field, figure] of Object.entries(model)) {
        if (typeof figure !== "object" || figure === null) continue;
        const { verified, source } = figure as { verified: boolean; source: string };
        if (!verified) expect(source, `${id}.${field}`).toMatch(/estimate|modelling choice|not checked|sriovc models/);
      }
    }
  });

  it("rejects a figure without a source, with its JSON pointer", () => {
    const data = shipped();
    delete (data.models["intel-x710"]!["maxVfsPerPf"] as Record<string, unknown>)["source"];
    const result = parseCatalogue(data);
    expect(result).toEqual({ ok: false, message: "the NIC catalogue is invalid: /models/intel-x710/maxVfsPerPf: must have required property 'source'" });
  });

  it("rejects a fractional VF count and an unknown field", () => {
    const data = shipped();
    (data.models["generic"]!["maxVfsPerPf"] as Record<string, unknown>)["value"] = 2.5;
    data.models["generic"]!["colour"] = "blue";
    const result = parseCatalogue(data);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain("/models/generic: must NOT have additional properties");
      expect(result.message).toContain("/models/generic/maxVfsPerPf/value: must be integer");
    }
  });

  it("requires the generic model the language falls back to", () => {
    const data = shipped();
    delete data.models["generic"];
    expect(parseCatalogue(data)).toEqual({ ok: false, message: "the NIC catalogue has no `generic` model, which the language falls back to" });
  });

  it("reports an unreadable file instead of throwing", () => {
    const result = loadCatalogue("/nonexistent/nics.json");
    expect(result.ok).toBe(false);
  });
});
