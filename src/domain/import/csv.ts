/** A CSV syntax error, with the 1-based line where it happened. */
export class CsvError extends Error {
  override name = 'CsvError'
  constructor(
    message: string,
    /** 1-based line number. */
    readonly line: number,
  ) {
    super(`${message} at line ${line}`)
  }
}

/**
 * Parse CSV text (RFC 4180): quoted fields with `""` escapes, delimiters and line breaks inside
 * quotes, CRLF or LF line ends, a leading UTF-8 BOM. The delimiter is `,` unless the header line
 * has `;` and no `,` (spreadsheet exports in Romanian locales). Blank lines are skipped.
 * Returns rows of fields, each with the 1-based line on which the row starts.
 */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const firstLineEnd = s.search(/\r?\n/)
  const header = firstLineEnd < 0 ? s : s.slice(0, firstLineEnd)
  const delim = header.includes(';') && !header.includes(',') ? ';' : ','
  const rows: { fields: string[]; line: number }[] = []
  let field = ''
  let fields: string[] = []
  let line = 1
  let rowLine = 1
  let inQuotes = false
  let quoteLine = 1
  let fieldStarted = false
  const endRow = (): void => {
    fields.push(field)
    if (!(fields.length === 1 && fields[0] === '' && !fieldStarted)) {
      rows.push({ fields, line: rowLine })
    }
    fields = []
    field = ''
    fieldStarted = false
  }
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (inQuotes) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"'
          i++
        } else inQuotes = false
      } else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"') {
      if (field !== '') throw new CsvError('quote inside an unquoted field', line)
      inQuotes = true
      fieldStarted = true
      quoteLine = line
    } else if (c === delim) {
      fields.push(field)
      field = ''
      fieldStarted = true
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else {
      field += c
      fieldStarted = true
    }
  }
  if (inQuotes) throw new CsvError('unterminated quoted field', quoteLine)
  if (field !== '' || fields.length > 0 || fieldStarted) endRow()
  return rows
}
