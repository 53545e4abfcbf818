/** Input files of the CLIs: size-checked reads with one-line errors. */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { basename } from 'node:path'

import { looksLikeXml } from '../../src/domain/import/osmXml'

/** Largest dataset or scenario file read, bytes (a JS string cannot be much longer). */
const MAX_INPUT_BYTES = 512 * 1024 * 1024

/** A failure the CLI reports as one line. */
export class CliError extends Error {}

/** Read a text file, naming `what` and the file (not its path) in any error. */
export function readText(path: string, what: string): string {
  const name = basename(path)
  try {
    const st = statSync(path)
    if (!st.isFile()) throw new CliError(`cannot read ${what} ${name}: not a regular file`)
    if (st.size > MAX_INPUT_BYTES) throw new CliError(`cannot read ${what} ${name}: file too large`)
    return readFileSync(path, 'utf8')
  } catch (e) {
    if (e instanceof CliError) throw e
    const code = (e as { code?: string }).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code
    throw new CliError(`cannot read ${what} ${name}: ${why ?? 'read error'}`)
  }
}

/** A file's first `n` bytes (fewer when it is shorter); empty when unreadable. */
export function fileHead(path: string, n = 4096): Uint8Array {
  try {
    const fd = openSync(path, 'r')
    try {
      const head = new Uint8Array(n)
      return head.subarray(0, readSync(fd, head, 0, n, 0))
    } finally {
      closeSync(fd)
    }
  } catch {
    return new Uint8Array(0)
  }
}

/**
 * True when a file's first non-blank byte (after any UTF-8 BOM) is `<`: OSM XML, which the
 * CLI streams (`importOsmXmlChunks`) instead of reading as one string. False when unreadable
 * (the ordinary read then reports why).
 */
export function looksLikeXmlFile(path: string): boolean {
  return looksLikeXml(fileHead(path))
}
