// Strings in shared memory (src/sim/shared-strings.ts): how `simulate --jobs N` hands every group's part
// to its workers. What a worker decodes must be the very text the main thread wrote.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MessageChannel, receiveMessageOnPort } from "node:worker_threads";
import { shareStrings, sharedCount, sharedString, type SharedStrings } from "../../src/sim/shared-strings.js";

describe("shared strings", () => {
  it("gives back every string of the list, in its order, whatever its characters (well-formed UTF-16)", () => {
    // Lone surrogates left out: UTF-8 has no code for them (JSON.stringify escapes them, so a part never has one).
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "grapheme" })), (list) => {
        const shared = shareStrings(list);
        expect(sharedCount(shared)).toBe(list.length);
        expect(list.map((_, i) => sharedString(shared, i))).toEqual(list);
      }),
    );
  });

  it("round-trips JSON text of any value, lone surrogates included (JSON.stringify escapes them)", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.array(fc.string({ unit: "binary" })), (values, raw) => {
        const list = [...values.map((v) => JSON.stringify(v)), ...raw.map((s) => JSON.stringify(s))];
        const shared = shareStrings(list);
        expect(list.map((_, i) => sharedString(shared, i))).toEqual(list);
      }),
    );
  });

  it("keeps empty strings and multi-byte characters at their places", () => {
    const list = ["", "µs", "", "𝔘 host", "a"];
    const shared = shareStrings(list);
    expect(Array.from(shared.ends)).toEqual([0, 3, 3, 12, 13]);
    expect(shared.bytes.byteLength).toBe(13);
    expect(list.map((_, i) => sharedString(shared, i))).toEqual(list);
  });

  it("is shared, not copied, when posted to another thread: what the receiver reads is the sender's memory", () => {
    const shared = shareStrings(["first", "second"]);
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(shared);
    const received = receiveMessageOnPort(port2)?.message as SharedStrings;
    port1.close();
    expect(received.bytes).toBeInstanceOf(SharedArrayBuffer);
    expect(sharedString(received, 1)).toBe("second");
    // A byte written by the sender after the post shows on the receiver's side.
    new Uint8Array(shared.bytes)[5] = "S".charCodeAt(0);
    expect(sharedString(received, 1)).toBe("Second");
  });
});
