/**
 * What is wrong with an input, as a code the app translates (`loadError.<code>` in the
 * locales) with its parameters; the English `message` is for the CLIs.
 */
export type ImportCode =
  | 'tooLarge'
  | 'empty'
  | 'notOsm'
  | 'jsonTruncated'
  | 'jsonMalformed'
  | 'xmlTruncated'
  | 'xmlMalformed'
  | 'xmlDoctype'
  | 'overpassPartial'
  | 'noBuildings'
  | 'noneUsable'
  | 'csvMalformed'
  | 'csvEmpty'
  | 'csvColumns'
  | 'fgbDamaged'
  | 'fgbProjected'

/**
 * Bad input to the importer. `message` is one human line naming the file and what is wrong,
 * e.g. `cannot read district.osm: XML is truncated at line 12` (the CLIs print it); the app
 * shows `code` and `params` translated.
 */
export class ImportError extends Error {
  override name = 'ImportError'
  readonly params: Readonly<Record<string, string | number>>
  constructor(
    sourceName: string,
    reason: string,
    readonly code: ImportCode,
    params: Readonly<Record<string, string | number>> = {},
  ) {
    super(`cannot read ${sourceName}: ${oneLine(reason)}`)
    this.params = { name: sourceName, ...params }
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
      'overpassPartial',
    )
  }
}
