/**
 * Bad input to the importer. `message` is one human line naming the file and what is wrong,
 * e.g. `cannot read district.osm: XML is truncated at line 12`; it is shown as-is to the user.
 */
export class ImportError extends Error {
  override name = 'ImportError'
  constructor(sourceName: string, reason: string) {
    super(`cannot read ${sourceName}: ${oneLine(reason)}`)
  }
}

/** The first line of `s`, trimmed and capped at 300 characters. */
export function oneLine(s: string): string {
  const first = s.split(/\r?\n/, 1)[0] ?? ''
  return first.length > 300 ? `${first.slice(0, 297)}...` : first.trim()
}

/**
 * Largest input the importer accepts, in UTF-16 characters: V8 cannot hold a string much
 * longer than 2^29 characters, so the CLI refuses such files before reading them.
 */
export const MAX_INPUT_CHARS = 512 * 1024 * 1024 - 64

/**
 * Overpass answers a query that timed out or ran out of memory with partial data and a
 * runtime-error `remark`: such a file is refused, whatever path it comes by.
 */
export function refuseRemark(remark: string, sourceName: string): void {
  if (/runtime error|error:/i.test(remark)) {
    throw new ImportError(
      sourceName,
      `Overpass stopped with an error, so the data is partial: ${remark.trim()}`,
    )
  }
}
