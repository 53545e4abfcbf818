/**
 * `npm run data`: import OSM buildings into the twin's dataset.
 *
 *   npm run data -- --in FILE [--out FILE] [--overlay FILE.csv] [--overlay FILE.geojson …]
 *   npm run data -- [--area manastur | --bbox w,s,e,n] [--out FILE] [--overlay …]
 *
 * FILE may be `.osm` XML, `.osm.pbf`, Overpass JSON (`out geom` or `out body; >; out skel`)
 * or GeoJSON. `--overlay` may be given more than once: a CSV (joined by OSM id or address, at
 * most one) and GeoJSON files of footprints with attributes (joined by footprint overlap,
 * `src/domain/import/footprintOverlay.ts`; the first given wins where two give a value).
 * Prints the validation summary on stdout and progress on stderr; writes `--out`
 * (default public/data/district.geojson) and the same dataset columnar beside it
 * (`district.arrow`, which the app prefers), each atomically. Any failure: one line on stderr, exit 1,
 * and the existing output file untouched.
 */
import { readFileSync, rmSync, statSync, mkdirSync } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'

import { columnarPathOf } from '../src/domain/dataset/columnarLayout'
import { writeColumnar } from '../src/domain/dataset/writeColumnar'
import { extractContext } from '../src/domain/import/context'
import { importFlatGeobuf, isFlatGeobuf } from '../src/domain/import/flatGeobuf'
import { ImportError, MAX_INPUT_CHARS, oneLine } from '../src/domain/import/importError'
import { importDistrict, importOsmXmlChunks } from '../src/domain/import/importDistrict'
import type { ImportOptions } from '../src/domain/import/importDistrict'
import { importOsmPbf } from '../src/domain/import/osmPbf'
import { formatImportSummary } from '../src/domain/import/summary'

import { writeFileAtomic } from './lib/atomicWrite'
import { fileHead, looksLikeXmlFile } from './lib/cliInput'
import { inputOf } from './lib/cliMain'
import { isOsmPbfPath, osmPbfChunks } from './lib/readOsmPbf'

/**
 * Largest input file read, bytes. V8 cannot hold a string longer than ~2^29 characters
 * (`MAX_INPUT_CHARS`), so a 1 GiB limit could never be honoured; larger areas must be split.
 */
export const MAX_INPUT_BYTES = MAX_INPUT_CHARS
/** Largest overlay CSV read, bytes. */
export const MAX_OVERLAY_BYTES = 64 * 1024 * 1024
/** Inputs above this size report progress lines on a non-TTY stderr (a TTY always gets a bar). */
const PROGRESS_LINES_MIN_BYTES = 5 * 1024 * 1024
const DEFAULT_OUT = 'public/data/district.geojson'

class CliError extends Error {}

/** An overlay read as footprints with attributes (GeoJSON) rather than as a CSV. */
const isFootprintOverlayPath = (path: string): boolean => /\.(geo)?json$/i.test(path)

function usage(): string {
  return [
    'usage: npm run data -- --in FILE [--out FILE] [--overlay FILE.csv|FILE.geojson]…',
    '       npm run data -- [--area manastur | --bbox w,s,e,n] [--out FILE] [--overlay FILE]…',
  ].join('\n')
}

/**
 * Read a file with a size limit, as text or as bytes; errors become one line naming the
 * file. `checkOnly`: only check that it is a readable regular file (any size) and return ''.
 */
function readText(path: string, maxBytes: number, checkOnly = false): string {
  return checkOnly
    ? (readInput(path, 0, 'check'), '')
    : (readInput(path, maxBytes, 'text') as string)
}

function readBytes(path: string, maxBytes: number): Uint8Array {
  return readInput(path, maxBytes, 'bytes') as Uint8Array
}

function readInput(
  path: string,
  maxBytes: number,
  as: 'check' | 'text' | 'bytes',
): string | Uint8Array | null {
  const name = basename(path)
  let size: number
  try {
    const st = statSync(path)
    if (!st.isFile()) throw new CliError(`cannot read ${name}: not a regular file`)
    size = st.size
  } catch (e) {
    if (e instanceof CliError) throw e
    throw new CliError(`cannot read ${name}: ${fsReason(e)}`)
  }
  if (as === 'check') return null
  if (size > maxBytes) {
    throw new CliError(
      `cannot read ${name}: file is ${(size / 2 ** 20).toFixed(0)} MiB, over the ${(maxBytes / 2 ** 20).toFixed(0)} MiB limit; split the area`,
    )
  }
  try {
    return as === 'text' ? readFileSync(path, 'utf8') : readFileSync(path)
  } catch (e) {
    throw new CliError(`cannot read ${name}: ${fsReason(e)}`)
  }
}

function fsReason(e: unknown): string {
  const code = (e as { code?: string }).code
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'is a directory'
  return e instanceof Error ? oneLine(e.message) : String(e)
}

/** A progress reporter: a bar on a TTY, a line per 10 % otherwise (only for big inputs). */
function progressReporter(
  label: string,
  bytes: number,
): {
  onProgress: (done: number, total: number) => void
  clear: () => void
} {
  const tty = process.stderr.isTTY === true
  let lastStep = -1
  let drawn = false
  return {
    onProgress(done, total) {
      const frac = total > 0 ? done / total : 0
      if (tty) {
        const width = 30
        const fill = Math.round(frac * width)
        process.stderr.write(
          `\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${Math.round(frac * 100)}%`,
        )
        drawn = true
      } else if (bytes >= PROGRESS_LINES_MIN_BYTES) {
        const step = Math.floor(frac * 10)
        if (step !== lastStep) {
          lastStep = step
          process.stderr.write(`${label}: ${step * 10}%\n`)
        }
      }
    },
    clear() {
      if (drawn) process.stderr.write('\r\x1b[K')
      drawn = false
    },
  }
}

/** Parse `w,s,e,n` degrees. */
function parseBbox(raw: string): [number, number, number, number] {
  const parts = raw.split(',').map((s) => Number(s.trim()))
  const [w, s, e, n] = parts
  if (
    parts.length !== 4 ||
    w === undefined ||
    s === undefined ||
    e === undefined ||
    n === undefined ||
    !parts.every(Number.isFinite) ||
    w >= e ||
    s >= n ||
    Math.abs(w) > 180 ||
    Math.abs(e) > 180 ||
    Math.abs(s) > 90 ||
    Math.abs(n) > 90
  ) {
    throw new CliError(`--bbox must be west,south,east,north in degrees, got "${raw}"`)
  }
  return [w, s, e, n]
}

interface FetchOverpassOptions {
  area?: 'manastur'
  bbox?: [number, number, number, number]
  onProgress?: (line: string) => void
}
type FetchOverpass = (opts: FetchOverpassOptions) => Promise<string>

/**
 * The Overpass colleague's `fetchOverpass` (scripts/lib/overpass.ts), loaded only when no
 * `--in` is given so that file imports work without it.
 */
async function loadFetchOverpass(): Promise<FetchOverpass | null> {
  const modulePath = './lib/overpass.ts'
  try {
    const mod = (await import(modulePath)) as { fetchOverpass?: unknown }
    return typeof mod.fetchOverpass === 'function' ? (mod.fetchOverpass as FetchOverpass) : null
  } catch {
    return null
  }
}

async function main(argv: string[]): Promise<void> {
  let values: Record<string, string | boolean | string[] | undefined>
  try {
    values = parseArgs({
      args: argv,
      options: {
        in: { type: 'string' },
        out: { type: 'string' },
        overlay: { type: 'string', multiple: true },
        area: { type: 'string' },
        bbox: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (e) {
    throw new CliError(`${e instanceof Error ? oneLine(e.message) : String(e)} (see --help)`)
  }
  if (values['help'] === true) {
    process.stdout.write(`${usage()}\n`)
    return
  }
  const str = (k: string): string | undefined =>
    typeof values[k] === 'string' ? (values[k] as string) : undefined
  const inPath = str('in')
  const outPath = resolve(str('out') ?? DEFAULT_OUT)
  const overlayPaths = Array.isArray(values['overlay']) ? values['overlay'] : []
  const csvPaths = overlayPaths.filter((p) => !isFootprintOverlayPath(p))
  if (csvPaths.length > 1) throw new CliError('give at most one overlay CSV')
  const overlayPath = csvPaths[0]
  const overlayCsv =
    overlayPath === undefined ? undefined : readText(overlayPath, MAX_OVERLAY_BYTES)
  const footprintOverlays = overlayPaths
    .filter(isFootprintOverlayPath)
    .map((p) => ({ name: basename(p), text: readText(p, MAX_INPUT_BYTES) }))

  let text = ''
  /** `.osm.pbf` input: streamed from disk block by block, never read as text. */
  let pbf: { path: string; size: number } | null = null
  /** `.osm` XML input: streamed from disk in 1 MiB reads into the chunk-fed reader. */
  let xml: { path: string; size: number } | null = null
  /** FlatGeobuf input (ogr2ogr's OSM layers): its bytes. */
  let fgb: Uint8Array | null = null
  let sourceName: string
  if (inPath !== undefined) {
    if (str('area') !== undefined || str('bbox') !== undefined) {
      throw new CliError('give either --in FILE or --area/--bbox, not both')
    }
    sourceName = basename(inPath)
    if (isOsmPbfPath(inPath)) {
      // Checks that it is a readable file; the PBF is streamed, so no size limit applies.
      readText(inPath, 0, true)
      pbf = { path: inPath, size: statSync(inPath).size }
    } else if ((readText(inPath, 0, true), isFlatGeobuf(fileHead(inPath, 8)))) {
      fgb = readBytes(inPath, MAX_INPUT_BYTES)
    } else if (looksLikeXmlFile(inPath)) {
      // Streamed with nodes kept compactly, so no text size limit applies.
      xml = { path: inPath, size: statSync(inPath).size }
    } else {
      text = readText(inPath, MAX_INPUT_BYTES)
    }
  } else {
    const area = str('area') ?? 'manastur'
    if (area !== 'manastur') throw new CliError(`unknown --area "${area}" (known: manastur)`)
    const bboxRaw = str('bbox')
    const bbox = bboxRaw === undefined ? undefined : parseBbox(bboxRaw)
    const fetchOverpass = await loadFetchOverpass()
    if (!fetchOverpass) throw new CliError('no --in given and Overpass fetch not available')
    text = await fetchOverpass(
      bbox
        ? { bbox, onProgress: (line) => process.stderr.write(`${line}\n`) }
        : { area: 'manastur', onProgress: (line) => process.stderr.write(`${line}\n`) },
    )
    sourceName = bbox ? `Overpass API, bbox ${bbox.join(',')}` : 'Overpass API, area manastur'
  }

  const progress = progressReporter(
    `importing ${sourceName}`,
    pbf ? pbf.size : xml ? xml.size : fgb ? fgb.length : text.length,
  )
  const opts: ImportOptions = { sourceName, onProgress: progress.onProgress, extractContext }
  if (overlayCsv !== undefined && overlayPath !== undefined) {
    opts.overlayCsv = overlayCsv
    opts.overlayName = basename(overlayPath)
  }
  if (footprintOverlays.length > 0) opts.footprintOverlays = footprintOverlays
  let result
  try {
    result = pbf
      ? await importOsmPbf(osmPbfChunks(pbf.path), pbf.size, opts)
      : xml
        ? await importOsmXmlChunks(osmPbfChunks(xml.path), xml.size, opts)
        : fgb
          ? await importFlatGeobuf(fgb, opts)
          : importDistrict(text, opts)
  } finally {
    progress.clear()
  }
  // Both encoded before anything is written: a failure here leaves the old files as they were.
  const json = JSON.stringify(result.dataset)
  const columnar = writeColumnar(result.dataset)
  const columnarPath = columnarPathOf(outPath) ?? `${outPath}.arrow`
  try {
    mkdirSync(dirname(outPath), { recursive: true })
    writeFileAtomic(outPath, json)
  } catch (e) {
    throw new CliError(`cannot write ${outPath}: ${fsReason(e)}`)
  }
  try {
    writeFileAtomic(columnarPath, columnar)
  } catch (e) {
    // An older columnar file must not outlive its GeoJSON: the app would prefer it.
    rmSync(columnarPath, { force: true })
    throw new CliError(`cannot write ${columnarPath}: ${fsReason(e)}`)
  }
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`
  process.stdout.write(`${formatImportSummary(result.dataset.metadata)}\n\n`)
  process.stdout.write(
    `Wrote ${outPath} (${result.dataset.metadata.counts.buildings} buildings, ${mib(json.length)})\n`,
  )
  process.stdout.write(`Wrote ${columnarPath} (the same, columnar, ${mib(columnar.length)})\n`)
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const msg =
    e instanceof ImportError ||
    e instanceof CliError ||
    (e instanceof Error && e.name === 'FetchError')
      ? e.message
      : `${inputOf(process.argv.slice(2)) ?? 'the Overpass data'} could not be imported (internal error: ${e instanceof Error ? e.message : String(e)}); please report it with the file`
  process.stderr.write(`error: ${oneLine(msg)}\n`)
  process.exitCode = 1
})
