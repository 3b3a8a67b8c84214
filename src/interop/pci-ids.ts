/**
 * PCI vendor and device ids of the catalogue's NIC models, for `nicSelector.vendor`/`deviceID` and the
 * node state's `vendor`/`deviceID`. Source: the sriov-network-operator's supported-nic-ids ConfigMap,
 * deployment/sriov-network-operator-chart/templates/configmap.yaml (github.com/k8snetworkplumbingwg/
 * sriov-network-operator at 249e20012faf17b4f38057f29608bde2b21c5c9a), each line "vendor PF-device VF-device".
 * The 82599 (8086:10fb), the X520 (8086:154d) and the single-port XL710 QSFP+ (8086:1584) are not in that
 * ConfigMap; their ids are the PCI ID repository's (pci-ids.ucw.cz, vendor 8086).
 */
export interface PciId {
  readonly vendor: string;
  readonly device: string;
  readonly model: string;
}

export const PCI_IDS: readonly PciId[] = [
  { vendor: "8086", device: "1572", model: "intel-x710" },
  { vendor: "8086", device: "1581", model: "intel-x710" },
  { vendor: "8086", device: "1589", model: "intel-x710" },
  { vendor: "8086", device: "15ff", model: "intel-x710" },
  { vendor: "8086", device: "1583", model: "intel-xl710" },
  { vendor: "8086", device: "1584", model: "intel-xl710" },
  { vendor: "8086", device: "1592", model: "intel-e810" },
  { vendor: "8086", device: "1593", model: "intel-e810" },
  { vendor: "8086", device: "159b", model: "intel-e810" },
  { vendor: "8086", device: "1599", model: "intel-e810" },
  { vendor: "8086", device: "1591", model: "intel-e810" },
  { vendor: "8086", device: "10fb", model: "intel-82599" },
  { vendor: "8086", device: "154d", model: "intel-x520" },
  { vendor: "15b3", device: "1017", model: "nvidia-cx5" },
  { vendor: "15b3", device: "1019", model: "nvidia-cx5" },
  { vendor: "15b3", device: "101d", model: "nvidia-cx6" },
  { vendor: "14e4", device: "16d7", model: "broadcom-57414" },
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

export const MELLANOX_VENDOR = "15b3";
