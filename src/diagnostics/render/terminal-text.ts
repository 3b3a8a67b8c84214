/**
 * Text from the input (names, strings, paths, source lines) on its way to a terminal or a CI log: every
 * character that a terminal would obey instead of show is written out visibly (docs/SECURITY.md). C0
 * controls, DEL and C1 controls (U+0080–U+009F: U+009B is a one-character CSI) become `\x1b`-style
 * escapes; the line and paragraph separators U+2028/U+2029 and the bidirectional overrides and isolates
 * (which reorder what a reader sees) become `\u2028`-style escapes. Tabs stay; newlines stay only where
 * the caller says the text is several lines.
 */

// Built from code points so the source file holds no control characters itself.
const CONTROLS = new RegExp("[\\u0000-\\u0008\\u000a-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]", "g");
const CONTROLS_KEEPING_NEWLINES = new RegExp("[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069]", "g");
/** The SGR colour sequences sriovc itself writes (picocolors): kept by `terminalSafeOutput` when colour is on. */
const OWN_COLOUR = new RegExp("\\u001b\\[[0-9;]{1,12}m", "y");

/** `\x1b` for a C0/C1 control or DEL, `\u2028` for the others. */
export function visibleEscape(character: string): string {
  const code = character.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** One line of text with every control character (newlines too) made visible. */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, visibleEscape);
}

/** Text of several lines: the same, but `\n` stays a line break. */
export function escapeControlsKeepingLines(text: string): string {
  return text.replace(CONTROLS_KEEPING_NEWLINES, visibleEscape);
}

/**
 * A whole output for a terminal: C0, DEL and C1 controls made visible except line breaks, tabs and — when
 * `colour` is on — sriovc's own colour sequences. Renderers escape what they quote; this is the last line of defence
 * for human-readable output.
 */
export function terminalSafeOutput(text: string, colour: boolean): string {
  let out = "";
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const isControl = (code < 0x20 && code !== 0x0a && code !== 0x09) || (code >= 0x7f && code <= 0x9f);
    if (!isControl) continue;
    if (colour && code === 0x1b) {
      OWN_COLOUR.lastIndex = i;
      const match = OWN_COLOUR.exec(text);
      if (match) {
        i += match[0].length - 1;
        continue;
      }
    }
    out += text.slice(last, i) + visibleEscape(text[i]!);
    last = i + 1;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** JSON (or JavaScript) text whose bytes are safe on a terminal: DEL and C1 as `\u` escapes (same value; JSON escapes C0 itself). */
export function terminalSafeJson(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
