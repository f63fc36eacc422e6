/**
 * A CSV reader (RFC 4180, as spreadsheets write it): comma-separated fields, fields in
 * double quotes may hold commas, line breaks and doubled quotes (""), records end at
 * LF, CRLF or CR, a UTF-8 byte order mark is dropped, blank lines are skipped.
 *
 * A mistake confined to one record (a stray quote, text after a closing quote) marks
 * that record bad with its line number and reading goes on, so a batch can report the
 * row and continue. A quote left open swallows the rest of the file: that is an error
 * for the whole file, reported at the line where the quote opened.
 */

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
  /** Why the record could not be read cleanly (its fields are then best effort). */
  error?: string;
}

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvError';
  }
}

export function parseCsv(input: string): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let error: string | undefined;
    let field = '';
    let quoted = false; // the current field began with a quote
    let inQuotes = false;
    let afterQuote = false; // a quoted field has closed; only a comma or the end may follow
    let fieldStarted = false;
    let end = false;
    while (i < n && !end) {
      const c = text[i]!;
      if (inQuotes) {
        if (c === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          inQuotes = false;
          afterQuote = true;
          i++;
          continue;
        }
        if (c === '\r' || c === '\n') {
          // a line break inside quotes belongs to the field, normalised to \n
          if (c === '\r' && text[i + 1] === '\n') i++;
          field += '\n';
          line++;
          i++;
          continue;
        }
        field += c;
        i++;
        continue;
      }
      if (c === ',') {
        fields.push(field);
        field = '';
        quoted = false;
        afterQuote = false;
        fieldStarted = false;
        i++;
        continue;
      }
      if (c === '\r' || c === '\n') {
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        end = true;
        continue;
      }
      if (c === '"') {
        if (!fieldStarted) {
          quoted = true;
          inQuotes = true;
          fieldStarted = true;
          i++;
          continue;
        }
        error ??= afterQuote
          ? `a quote inside a quoted field must be doubled ("") at line ${line}`
          : `a quote in the middle of an unquoted field at line ${line}; put the whole field in double quotes and double the quote inside ("")`;
        field += c;
        i++;
        continue;
      }
      if (afterQuote) {
        error ??= `text after the closing quote of a field at line ${line}; put the whole field in double quotes`;
      }
      field += c;
      fieldStarted = true;
      i++;
    }
    if (inQuotes) throw new CsvError(`a quoted field that starts on line ${start} is never closed; every opening " needs a closing "`, start);
    fields.push(field);
    // a blank line is no record (a line holding only "" is a record of one empty field)
    if (fields.length === 1 && fields[0] === '' && !quoted && !error) continue;
    records.push(error ? { line: start, fields, error } : { line: start, fields });
  }
  return records;
}
