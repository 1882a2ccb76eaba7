/**
 * A GBK encoder built by inverting the platform's GBK decoder, so mojibake can
 * be re-encoded to the bytes it was decoded from without a codec dependency.
 */

let table: Map<string, number[]> | undefined;

function encoderTable(): Map<string, number[]> {
  if (table) return table;
  const decoder = new TextDecoder("gbk");
  const map = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\uFFFD" && !map.has(ch)) map.set(ch, [lead, trail]);
    }
  }
  table = map;
  return map;
}

/** GBK bytes of one character, or undefined when GBK cannot represent it. */
function gbkBytesOf(ch: string): number[] | undefined {
  const code = ch.codePointAt(0) ?? 0;
  if (ch.length === 1 && code < 0x80) return [code];
  return encoderTable().get(ch);
}

/** GBK-encodes a string; undefined when any character has no GBK form. */
export function encodeGbk(text: string): Uint8Array | undefined {
  const out: number[] = [];
  for (const ch of text) {
    const bytes = gbkBytesOf(ch);
    if (!bytes) return undefined;
    out.push(...bytes);
  }
  return new Uint8Array(out);
}

/** Decodes GBK bytes, lost or invalid sequences becoming U+FFFD. */
export function decodeGbk(bytes: Uint8Array): string {
  return new TextDecoder("gbk").decode(bytes);
}
