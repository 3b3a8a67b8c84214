// Seeded generators of hostile `.sriov` inputs, shared by the long fuzz run (bench/fuzz.mjs) and the
// bounded one in the test suite (test/robustness/fuzz.test.ts). Plain ESM without dependencies.
//   - random bytes (decoded as UTF-8, as the loader reads files)
//   - token soup: random sequences from the lexer's vocabulary, with occasional hostile lexemes
//   - grammar-aware mutations of real topologies: delete/duplicate/swap lines, drop or double braces,
//     swap literals for others of another kind, cut the file anywhere
//   - byte-level mutations of real topologies: invalid UTF-8 (overlong, surrogate, truncated, Latin-1),
//     C0 and C1 controls, DEL, U+2028/2029, bidi overrides, byte-order marks, bit flips, cut and copied ranges

/** xorshift32: small, fast, deterministic for a given seed. */
export function rng(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

export function randomBytes(r, length) {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = r.int(256);
  return Buffer.from(out).toString("utf8");
}

/** Every token kind of the lexer (src/syntax/tokens.ts) with typical lexemes, plus near misses. */
export const VOCABULARY = [
  "host", "nic", "pf", "vswitch", "vm", "iface", "traffic", "simulation", "cost", "template", "import",
  "true", "false", "auto", "none", "wire", "imix", "kvm", "ovs", "vf", "vmdq", "burst", "poisson",
  "h1", "x710", "pf0", "eth0", "web", "br0", "cores", "attach", "vfs", "rate", "to", "from", "pin", "mac", "vlan",
  "{", "}", "[", "]", "(", ")", "=", ",", ";", ":", ".", "..",
  "0", "1", "42", "4096", "65536", "2.5", "99999999999999999999", "1e9", "-1",
  "10Gbps", "1Mpps", "64B", "8GiB", "2.4GHz", "50us", "20%", "1200cyc", "10GB", "5furlongs", "1.5.3Gbps",
  "52:54:00:aa:00:01", "aa:bb:cc:00:11:22", "0000:3b:00.0", "52:54:00:aa:00", "0000:3b:00",
  '"intel-x710"', '"a \\" b"', '"\\u{1F600}"', '"\\u{110000}"', '"\\q"', '"unterminated', "//c\n", "/* b */", "/* open",
  "\n", " ", "\t", "\r\n", "\u0000", "\uFEFF", "\u2028", "é", "🙂", "#", "@", "$", "\\", "'", "`",
];

export function tokenSoup(r, tokens) {
  const out = [];
  for (let i = 0; i < tokens; i++) {
    out.push(r.pick(VOCABULARY));
    out.push(r.int(4) === 0 ? "\n" : " ");
  }
  return out.join("");
}

const LITERALS = ["0", "7", "2.5", "10Gbps", "64B", "50us", "20%", "auto", "true", "none", "52:54:00:aa:00:09", "0000:3b:00.1", '"x"', "[a, b]", "vf(x.pf0)", "1..4", "h1.x710.pf0", "[]", "{", "}", "[", "("];

/** One mutation of `source`, chosen and placed by `r`; `times` mutations applied in a row. */
export function mutate(r, source, times = 1 + r.int(4)) {
  let text = source;
  for (let m = 0; m < times; m++) {
    const lines = text.split("\n");
    const at = r.int(Math.max(1, lines.length));
    switch (r.int(10)) {
      case 0: // delete a line
        lines.splice(at, 1);
        break;
      case 1: // duplicate a line (duplicate names, attributes twice)
        lines.splice(at, 0, lines[at] ?? "");
        break;
      case 2: {
        // swap two lines
        const other = r.int(lines.length);
        [lines[at], lines[other]] = [lines[other] ?? "", lines[at] ?? ""];
        break;
      }
      case 3: // replace an attribute's value by a literal of another kind
        lines[at] = (lines[at] ?? "").replace(/=\s*.*$/, `= ${r.pick(LITERALS)}`);
        break;
      case 4: // drop a brace
        lines[at] = (lines[at] ?? "").replace(/[{}]/, "");
        break;
      case 5: // double a brace or bracket
        lines[at] = (lines[at] ?? "").replace(/[{}[\]]/, (c) => c + c);
        break;
      case 6: {
        // cut the file at a random character
        const joined = lines.join("\n");
        return joined.slice(0, r.int(joined.length + 1));
      }
      case 7: // insert a token from the vocabulary into a line
        lines[at] = `${lines[at] ?? ""} ${r.pick(VOCABULARY)}`;
        break;
      case 8: // repeat a block-opening line many times (deep nesting)
        if (/\{\s*$/.test(lines[at] ?? "")) lines.splice(at, 0, ...Array.from({ length: 10 + r.int(100) }, () => lines[at] ?? ""));
        break;
      default: {
        // change one character
        const line = lines[at] ?? "";
        const c = r.int(line.length + 1);
        lines[at] = line.slice(0, c) + r.pick(VOCABULARY) + line.slice(c + 1);
      }
    }
    text = lines.join("\n");
  }
  return text;
}

/** Byte sequences that a decoder, a lexer or a terminal treats specially. */
export const HOSTILE_BYTES = [
  [0xc0, 0xaf], // overlong '/'
  [0xc1, 0x80],
  [0xff],
  [0xfe],
  [0xe9], // Latin-1 é
  [0xe2, 0x80], // truncated sequence
  [0xed, 0xa0, 0x80], // UTF-16 surrogate
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
  [0x80],
  [0x00],
  [0x07],
  [0x08],
  [0x1b],
  [0x1b, 0x5b, 0x32, 0x4a], // ESC [ 2 J
  [0x1b, 0x5d, 0x30, 0x3b, 0x58, 0x07], // OSC title
  [0x7f],
  [0xc2, 0x9b], // U+009B CSI
  [0xc2, 0x85], // U+0085 NEL
  [0xe2, 0x80, 0xa8], // U+2028
  [0xe2, 0x80, 0xa9], // U+2029
  [0xe2, 0x80, 0xae], // U+202E right-to-left override
  [0xef, 0xbb, 0xbf], // byte-order mark
  [0x0d],
  [0x0b],
  [0x0c],
];

/** Byte-level mutations of `source` (as UTF-8): the result is bytes, usually not valid UTF-8. */
export function mutateBytes(r, source, times = 1 + r.int(4)) {
  let bytes = Buffer.from(source, "utf8");
  for (let m = 0; m < times; m++) {
    const at = r.int(bytes.length + 1);
    switch (r.int(6)) {
      case 0: // insert a hostile sequence anywhere
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(r.pick(HOSTILE_BYTES)), bytes.subarray(at)]);
        break;
      case 1: // flip one bit
        if (at < bytes.length) bytes[at] ^= 1 << r.int(8);
        break;
      case 2: // delete a range
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(Math.min(bytes.length, at + 1 + r.int(16)))]);
        break;
      case 3: {
        // copy a range somewhere else
        const from = r.int(bytes.length + 1);
        const piece = bytes.subarray(from, Math.min(bytes.length, from + 1 + r.int(64)));
        bytes = Buffer.concat([bytes.subarray(0, at), piece, bytes.subarray(at)]);
        break;
      }
      case 4: // one random byte
        if (at < bytes.length) bytes[at] = r.int(256);
        break;
      default: {
        // a hostile sequence inside a string or a comment, where the lexer takes almost anything
        const quote = bytes.indexOf(r.int(2) === 0 ? 0x22 : 0x2f, at);
        const place = quote < 0 ? at : quote + 1;
        bytes = Buffer.concat([bytes.subarray(0, place), Buffer.from(r.pick(HOSTILE_BYTES)), bytes.subarray(place)]);
      }
    }
  }
  return bytes;
}

/** The kinds of input, in the order a campaign cycles through them. */
export const INPUT_KINDS = ["bytes", "tokens", "mutation", "byte-mutation"];

/**
 * The `index`-th input of a fuzz campaign with `seed`, cycling through the four kinds. `size` scales
 * random bytes and token soup (bytes ≈ size, tokens ≈ size / 8). `bytes` is what to write to a file;
 * `text` is those bytes decoded as the loader decodes them.
 */
export function fuzzInput(seed, index, seeds, size = 2000) {
  const r = rng((seed * 2654435761) ^ (index * 40503) ^ 0x5bd1e995);
  const of = (kind, bytes) => ({ kind, bytes, text: bytes.toString("utf8") });
  switch (index % 4) {
    case 0: {
      const out = new Uint8Array(1 + r.int(size));
      for (let i = 0; i < out.length; i++) out[i] = r.int(256);
      return of("bytes", Buffer.from(out));
    }
    case 1:
      return of("tokens", Buffer.from(tokenSoup(r, 1 + r.int(Math.max(1, size / 8))), "utf8"));
    case 2:
      return of("mutation", Buffer.from(mutate(r, r.pick(seeds)), "utf8"));
    default:
      return of("byte-mutation", mutateBytes(r, r.pick(seeds)));
  }
}

/** Problems with one file's diagnostics as `check --format json` prints them: ranges outside `text`. */
export function rangeProblems(text, diagnostics) {
  const lines = text.split(/\r\n|\r|\n/); // as src/syntax/span.ts counts lines
  const problems = [];
  const inside = (p) =>
    Number.isInteger(p.line) && Number.isInteger(p.column) && p.line >= 1 && p.line <= lines.length + 1 && p.column >= 1 && p.column <= (lines[p.line - 1]?.length ?? 0) + 2;
  for (const d of diagnostics) {
    const { start, end } = d.range ?? {};
    if (!start || !end || !inside(start) || !inside(end)) problems.push(`${d.rule}: range ${JSON.stringify(d.range)} is not inside the file (${lines.length} lines)`);
    else if (end.line < start.line || (end.line === start.line && end.column < start.column)) problems.push(`${d.rule}: range ends before it starts: ${JSON.stringify(d.range)}`);
    if (d.severity !== "error" && d.severity !== "warning" && d.severity !== "info") problems.push(`${d.rule}: severity ${d.severity}`);
  }
  return problems;
}

/** A stack trace as node prints it ("    at fn (file:line:col)"), or an internal error. */
export function looksLikeCrash(output) {
  return /^\s+at .+:\d+:\d+\)?$/m.test(output) || /internal error|RangeError|TypeError|Maximum call stack/.test(output);
}

/** Lexemes of YAML and XML, and values the operator objects and libvirt XML use, for interop mutations. */
export const INTEROP_VOCABULARY = [
  "\n", "  ", "- ", ": ", "---\n", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "|", ">", "#", "'", '"', "\t",
  "kind: SriovNetworkNodePolicy", "kind: SriovNetwork", "kind: List", "items:", "numVfs: ", "pfNames: ", "ens1f0#0-7", "ens1f0#7-0", "#0,2-7",
  "totalvfs: ", "Vfs:", "Vlan: ", "mtu: ", "9000", "-1", "99999999999999999999", "0x1572", "null", "~", "true",
  "<", ">", "</", "/>", "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>", "&e;", "&amp;", "&#0;", "<![CDATA[", "]]>",
  "<interface type='hostdev'>", "<source network='n'/>", "<vcpupin vcpu='0' cpuset='1-3,^2'/>", "<memory unit='TiB'>", "<pf dev='p'/>",
  "<address domain='0x0000' bus='0x3b' slot='0x02' function='0x9'/>", "<tag id='5000'/>", "\u0000", "\uFEFF", "é", "🙂",
];

/** One mutation of an interop seed (YAML or XML): cut, duplicate or delete lines, splice in lexemes. */
export function mutateInterop(r, source, times = 1 + r.int(4)) {
  let text = source;
  for (let m = 0; m < times; m++) {
    const at = r.int(text.length + 1);
    switch (r.int(5)) {
      case 0:
        text = text.slice(0, at) + r.pick(INTEROP_VOCABULARY) + text.slice(at);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + r.int(40)));
        break;
      case 2: {
        const lines = text.split("\n");
        const i = r.int(lines.length);
        lines.splice(i, 0, ...lines.slice(i, i + 1 + r.int(6)));
        text = lines.join("\n");
        break;
      }
      case 3:
        text = text.slice(0, at);
        break;
      default:
        text = text.replace(/\b\d+\b/, () => r.pick(["0", "65", "4095", "128", "-3", "1e9", "x"]));
    }
  }
  return text;
}
