/**
 * PCI vendor and device ids of the catalogue's NIC models, for `nicSelector.vendor`/`deviceID` and the
 * node state's `vendor`/`deviceID`. Source: the sriov-network-operator's supported-nic-ids ConfigMap,
 * deployment/sriov-network-operator-chart/templates/configmap.yaml (github.com/k8snetworkplumbingwg/
 * sriov-network-operator at 249e20012faf17b4f38057f29608bde2b21c5c9a), each line "vendor PF-device VF-device".
 * The 82599 (8086:10fb), the X520 (8086:154d) and the single-port XL710 QSFP+ (8086:1584) are not in that
 * ConfigMap; their ids are the PCI ID repository's (pci-ids.ucw.cz, vendor 8086). Later versions of the
 * ConfigMap (as the OpenShift documentation's MicroShift SR-IOV page copies it) add the XXV710 backplane,
 * `Intel_i40e_XXV710: "8086 158a 154c"`, and the E823-C, `Intel_ice_Columbiapark_E823C: "8086 188a 1889"`;
 * the E823-C's QSFP and SFP ids 188b and 188c are Linux ice_devids.h's (ICE_DEV_ID_E823C_QSFP, _SFP), with the
 * same VF (DPDK's release notes: "Device id (pf/vf): 8086:188b / 8086:1889"). The I350 is not an operator
 * NIC: 8086:1521 is Linux e1000_hw.h's E1000_DEV_ID_I350_COPPER, its VF 1520 E1000_DEV_ID_I350_VF (igbvf).
 *
 * One id can stand for two catalogue models: 8086:1584 is the XL710 QSFP+ with one port, or four in 4 x 10
 * GbE mode; `PORT_VARIANTS` says which model to take when a node state lists more PFs of the id on one
 * device than the first model has ports.
 */
export interface PciId {
  readonly vendor: string;
  readonly device: string;
  readonly model: string;
  /** The device id of its VFs (what a VF's `deviceID` and the device plugin's `devices` name). */
  readonly vfDevice: string;
}

export const PCI_IDS: readonly PciId[] = [
  { vendor: "8086", device: "1572", model: "intel-x710", vfDevice: "154c" },
  { vendor: "8086", device: "1581", model: "intel-x710", vfDevice: "154c" },
  { vendor: "8086", device: "1589", model: "intel-x710", vfDevice: "154c" },
  { vendor: "8086", device: "15ff", model: "intel-x710", vfDevice: "154c" },
  { vendor: "8086", device: "1583", model: "intel-xl710", vfDevice: "154c" },
  { vendor: "8086", device: "1584", model: "intel-xl710", vfDevice: "154c" },
  // Second: 1584 reads as the XL710; this entry gives the 4 x 10 GbE model its id when it is emitted.
  { vendor: "8086", device: "1584", model: "intel-xl710-4x10g", vfDevice: "154c" },
  { vendor: "8086", device: "158a", model: "intel-xxv710", vfDevice: "154c" },
  { vendor: "8086", device: "158b", model: "intel-xxv710", vfDevice: "154c" },
  { vendor: "8086", device: "1592", model: "intel-e810", vfDevice: "1889" },
  { vendor: "8086", device: "1593", model: "intel-e810", vfDevice: "1889" },
  { vendor: "8086", device: "159b", model: "intel-e810", vfDevice: "1889" },
  { vendor: "8086", device: "1599", model: "intel-e810", vfDevice: "1889" },
  { vendor: "8086", device: "1591", model: "intel-e810", vfDevice: "1889" },
  { vendor: "8086", device: "188a", model: "intel-e823c", vfDevice: "1889" },
  { vendor: "8086", device: "188b", model: "intel-e823c", vfDevice: "1889" },
  { vendor: "8086", device: "188c", model: "intel-e823c", vfDevice: "1889" },
  { vendor: "8086", device: "1521", model: "intel-i350", vfDevice: "1520" },
  { vendor: "8086", device: "10fb", model: "intel-82599", vfDevice: "10ed" },
  { vendor: "8086", device: "154d", model: "intel-x520", vfDevice: "10ed" },
  { vendor: "15b3", device: "1017", model: "nvidia-cx5", vfDevice: "1018" },
  { vendor: "15b3", device: "1019", model: "nvidia-cx5", vfDevice: "101a" },
  { vendor: "15b3", device: "101d", model: "nvidia-cx6", vfDevice: "101e" },
  { vendor: "14e4", device: "16d7", model: "broadcom-57414", vfDevice: "16dc" },
];

/** The catalogue model of a vendor/device pair, or undefined. */
export function modelOfPciId(vendor: string | undefined, device: string | undefined): string | undefined {
  if (vendor === undefined || device === undefined) return undefined;
  const v = vendor.toLowerCase().replace(/^0x/, "");
  const d = device.toLowerCase().replace(/^0x/, "");
  return PCI_IDS.find((id) => id.vendor === v && id.device === d)?.model;
}

/** The first (canonical) PCI id of a catalogue model, or undefined (`generic`). */
export function pciIdOfModel(model: string): PciId | undefined {
  return PCI_IDS.find((id) => id.model === model);
}

/** Every PCI id of a catalogue model, canonical first; empty for `generic`. */
export function pciIdsOfModel(model: string): readonly PciId[] {
  return PCI_IDS.filter((id) => id.model === model);
}

/**
 * Models that the same PCI id stands for with more ports per device, fewest ports first: a node state that
 * lists more PFs of the id on one device than the first has ports takes the first that has enough.
 */
export const PORT_VARIANTS: ReadonlyMap<string, readonly string[]> = new Map([["intel-xl710", ["intel-xl710-4x10g"]]]);

export const MELLANOX_VENDOR = "15b3";
