/**
 * Writes a hand-written `.osm` test fixture as `.osm.pbf` (scripts/lib/writeOsmPbf.ts), so the
 * PBF input is tested on the same elements as its XML twin:
 * `npx tsx scripts/pbf-fixture.ts test/fixtures/osm/multipolygons.osm`.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'

import { parseOsmXml } from '../src/domain/import/osmXml'

import { writeOsmPbf } from './lib/writeOsmPbf'

for (const path of process.argv.slice(2)) {
  const json = parseOsmXml(readFileSync(path, 'utf8'), basename(path), () => {})
  const out = `${path}.pbf`
  writeFileSync(out, writeOsmPbf(json))
  console.log(`wrote ${out}`)
}
