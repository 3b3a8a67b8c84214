/**
 * Where each interface row of a part's report goes in the merged report (src/sim/fleet.ts `mergeParts`
 * sorts the rows of every part by it): a receive row at its interface's index in the whole topology, a
 * transmit row at that index plus TRANSMIT_ROWS, so that merged reports keep the receive rows first, as one
 * run does. Its own module so that `merge` can check the places of a partial report without loading the
 * simulator.
 */
export const TRANSMIT_ROWS = 2 ** 30;

/** The places a row may take, first and last: transmit rows (`direction: "tx"`) above every receive row. */
export function placeRange(direction: "tx" | undefined): readonly [first: number, last: number] {
  return direction === "tx" ? [TRANSMIT_ROWS, 2 * TRANSMIT_ROWS - 1] : [0, TRANSMIT_ROWS - 1];
}
