import { PlanFormatError } from "./errors.ts";

/** Decodes a plan file to text, refusing empty, binary and non-UTF-8 input; strips a BOM and unifies line ends. */
export function decodePlanBytes(raw: Uint8Array | string): string {
  let text: string;
  if (typeof raw === "string") {
    text = raw;
  } else {
    if (raw.length === 0) throw new PlanFormatError(1, "expected plan text, found an empty file");
    const nul = raw.indexOf(0);
    if (nul >= 0) throw new PlanFormatError(lineOfByte(raw, nul), "expected text, found a NUL byte (binary data)");
    const bad = firstInvalidUtf8(raw);
    if (bad >= 0) {
      const hex = raw[bad].toString(16).toUpperCase().padStart(2, "0");
      throw new PlanFormatError(lineOfByte(raw, bad), `expected UTF-8 text, found the invalid byte 0x${hex}`);
    }
    text = new TextDecoder("utf-8", { fatal: true }).decode(raw);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, "\n");
  if (text.trim().length === 0) throw new PlanFormatError(1, "expected plan text, found an empty file");
  rejectControlCharacters(text);
  return text;
}

// Text files carry tabs and line ends; anything else below U+0020 in quantity means binary data.
function rejectControlCharacters(text: string): void {
  let count = 0;
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0x7f) {
      count++;
      if (first < 0) first = i;
    }
  }
  if (first >= 0 && (text.indexOf("\u0000") >= 0 || count / text.length > 0.001 || count > 8)) {
    const line = text.slice(0, first).split("\n").length;
    throw new PlanFormatError(
      line,
      `expected text, found control character U+${text.charCodeAt(first).toString(16).padStart(4, "0")} (binary data)`,
    );
  }
}

function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

// Offset of the first byte that breaks UTF-8 well-formedness, or -1; mirrors TextDecoder's fatal mode.
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
