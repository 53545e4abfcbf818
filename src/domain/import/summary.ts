import type {
  BuildingProperties,
  ContextFeature,
  ContextKind,
  DatasetMetadata,
  ProvenanceClass,
  TrackedAttribute,
} from '../buildings/types'
import { PROVENANCES, provenanceClass } from '../buildings/types'

/** The tracked attributes in the order the summary lists them. */
const ATTRIBUTES: readonly TrackedAttribute[] = [
  'height_m',
  'levels',
  'year',
  'use',
  'flats',
  'heated_area_m2',
  'heating',
  'rehabilitated',
  'epc_class',
]

/** `metadata.counts` for a set of buildings and context features. */
export function countDataset(
  buildings: readonly BuildingProperties[],
  context: readonly ContextFeature[],
): DatasetMetadata['counts'] {
  // A Map: `building=constructor` or `__proto__` are counted like any other type.
  const byType = new Map<string, number>()
  const byProvenance: DatasetMetadata['counts']['byProvenance'] = {}
  for (const b of buildings) {
    byType.set(b.type, (byType.get(b.type) ?? 0) + 1)
    for (const a of ATTRIBUTES) {
      const p = b.provenance[a]
      if (p === undefined) continue
      const row = (byProvenance[a] ??= {})
      row[p] = (row[p] ?? 0) + 1
    }
  }
  const counts: DatasetMetadata['counts'] = {
    buildings: buildings.length,
    byType: sortByCount(byType),
    byProvenance,
  }
  if (context.length > 0) {
    const byKind: Partial<Record<ContextKind, number>> = {}
    for (const c of context) byKind[c.properties.kind] = (byKind[c.properties.kind] ?? 0) + 1
    counts.context = byKind
  }
  return counts
}

function sortByCount(r: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries([...r].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)))
}

/** A provenance row (`overlay:<source>` one key per source) summed by provenance class. */
export function byClass(
  row: DatasetMetadata['counts']['byProvenance'][TrackedAttribute],
): Map<ProvenanceClass, number> {
  const out = new Map<ProvenanceClass, number>()
  for (const [p, n] of Object.entries(row ?? {})) {
    const c = provenanceClass(p as keyof NonNullable<typeof row>)
    out.set(c, (out.get(c) ?? 0) + (n ?? 0))
  }
  return out
}

const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length))
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s)

/** How many report lines of each kind the summary prints before "… and N more". */
const MAX_LISTED = 10

/**
 * The validation summary `npm run data` prints: buildings, counts by type, an attribute ×
 * provenance table, context counts, and the geometries repaired or dropped (reason and OSM id)
 * plus overlay warnings, each list capped at 10 lines. Plain text, fixed-width columns.
 */
export function formatImportSummary(metadata: DatasetMetadata): string {
  const { counts } = metadata
  const lines: string[] = []
  lines.push(`Source:    ${metadata.source}`)
  lines.push(`Buildings: ${counts.buildings}`)
  const types = Object.entries(counts.byType)
  const shown = types.slice(0, 12).map(([t, n]) => `${t} ${n}`)
  if (types.length > 12) {
    shown.push(`other ${types.slice(12).reduce((s, [, n]) => s + n, 0)}`)
  }
  lines.push(`By type:   ${shown.join(', ')}`)
  if (counts.context) {
    const ctx = Object.entries(counts.context).map(([k, n]) => `${k} ${n}`)
    lines.push(`Context:   ${ctx.join(', ') || 'none'}`)
  }
  lines.push('')
  const rows = ATTRIBUTES.map((a) => [a, byClass(counts.byProvenance[a])] as const)
  // The footprint-overlay column only where an overlay gave a value.
  const cols: readonly ProvenanceClass[] = PROVENANCES.filter(
    (c) => c !== 'overlay_match' || rows.some(([, row]) => row.has(c)),
  )
  const width = (c: string): number => Math.max(10, c.length + 2)
  lines.push(pad('attribute', 16) + cols.map((c) => lpad(c, width(c))).join('') + lpad('none', 10))
  for (const [a, row] of rows) {
    const total = cols.reduce((s, c) => s + (row.get(c) ?? 0), 0)
    lines.push(
      pad(a, 16) +
        cols.map((c) => lpad(String(row.get(c) ?? 0), width(c))).join('') +
        lpad(String(counts.buildings - total), 10),
    )
  }
  const report = metadata.report
  if (report) {
    lines.push('')
    lines.push(
      `Repaired:  ${report.repaired.length}   Dropped: ${report.dropped.length}   Warnings: ${report.warnings.length}`,
    )
    const list = (title: string, items: string[]): void => {
      if (items.length === 0) return
      lines.push(`${title}:`)
      for (const s of items.slice(0, MAX_LISTED)) lines.push(`  ${s}`)
      if (items.length > MAX_LISTED) lines.push(`  … and ${items.length - MAX_LISTED} more`)
    }
    list(
      'Dropped',
      report.dropped.map((d) => `${d.id}: ${d.reason}`),
    )
    list(
      'Repaired',
      report.repaired.map((d) => `${d.id}: ${d.reason}`),
    )
    list('Warnings', report.warnings)
    for (const o of report.overlays ?? []) {
      lines.push(
        `Overlay ${o.source}: ${o.matched} of ${o.footprints} footprints joined (IoU ≥ ${o.threshold}, one-to-one), ${o.unmatched.length} unmatched, ${o.ambiguous.length} ambiguous`,
      )
      list(
        '  Unmatched',
        o.unmatched.map((u) => `${u.footprint}: ${u.reason}`),
      )
      list(
        '  Ambiguous',
        o.ambiguous.map(
          (x) =>
            `${x.kind} ${x.id}: ${x.candidates.map((c) => `${c.id} (IoU ${c.iou})`).join(', ')}`,
        ),
      )
    }
  }
  return lines.join('\n')
}
