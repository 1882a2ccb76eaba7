/**
 * CSV in and out: RFC 4180 reading, and writing with a BOM for spreadsheets (csv-stringify).
 * The reader stays hand-written: csv-parse skips a malformed record but loses its place after a
 * bad closing quote (`"b" x`), dropping the rows after it, and the imports promise an error on the
 * malformed row with every other row still read.
 */
import { stringify } from "csv-stringify/sync";

export interface CsvRecord {
  fields: string[];
  /** a syntax error in this record (the rest of the file is still read) */
  error: string | null;
  /** the file line the record starts on (1 = the first; line breaks inside quoted fields count) */
  line: number;
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks; CRLF or LF ends a record. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let error: string | null = null;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // the current field was quoted and its closing quote seen
  let line = 1; // of the character at i
  let start = 1; // of the current record
  let i = 0;
  const endField = () => {
    fields.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    records.push({ fields, error, line: start });
    fields = [];
    error = null;
    start = line;
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        wasQuoted = true;
        i += 1;
        continue;
      }
      // a line break inside a quoted field is a line of the file all the same (CRLF counts once)
      if (c === "\n" || (c === "\r" && text[i + 1] !== "\n")) line += 1;
      field += c;
      i += 1;
      continue;
    }
    if (c === ",") {
      endField();
      i += 1;
    } else if (c === "\r" && text[i + 1] === "\n") {
      line += 1;
      endRecord();
      i += 2;
    } else if (c === "\n" || c === "\r") {
      line += 1;
      endRecord();
      i += 1;
    } else if (c === '"') {
      if (field.trim().length === 0 && !wasQuoted) {
        field = "";
        quoted = true;
      } else error ??= `field ${fields.length + 1}: a quote inside a field must be in a quoted field and doubled ("")`;
      i += 1;
    } else if (wasQuoted && (c === " " || c === "\t")) {
      i += 1;
    } else {
      if (wasQuoted)
        error ??= `field ${fields.length + 1}: text after the closing quote (expected a comma or the end of the row)`;
      field += c;
      i += 1;
    }
  }
  if (quoted) {
    error ??= `field ${fields.length + 1}: the quoted field is never closed (expected a closing ")`;
    endRecord();
  } else if (field.length > 0 || fields.length > 0 || wasQuoted) {
    endRecord();
  }
  return records;
}

/**
 * CSV text (with BOM, CRLF) from a header and rows, by csv-stringify: a cell starting with = + - @
 * tab or CR gets a leading ' so spreadsheets do not run it as a formula; a cell with a line break
 * is quoted (an LF alone included, which parseCsvRecords reads as a record's end).
 */
export function toCsv(header: string[], rows: unknown[][]): string {
  return stringify([header, ...rows], {
    bom: true,
    record_delimiter: "\r\n",
    escape_formulas: true,
    quoted_match: /[\r\n]/,
    cast: { boolean: (b) => String(b), date: (d) => d.toISOString() },
  });
}
