import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { describe, expect, it } from 'vitest'

import type { BuildingProperties } from '@/domain/buildings/types'
import { parseCsv } from '@/domain/import/csv'
import { ImportError } from '@/domain/import/importError'
import { importDistrict } from '@/domain/import/importDistrict'
import { addressKey, normaliseOsmId } from '@/domain/import/overlay'

const ROOT = resolve(import.meta.dirname, '../../..')
const OSM = readFileSync(resolve(ROOT, 'test/fixtures/osm/district.osm'), 'utf8')

function importWith(csv: string) {
  const { dataset, report } = importDistrict(OSM, {
    sourceName: 'district.osm',
    overlayCsv: csv,
    overlayName: 'city.csv',
  })
  const byId = new Map(
    dataset.features.map((f) => [f.id, f.properties as BuildingProperties] as const),
  )
  return { byId, report, dataset }
}

describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    [
      'plain',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF and BOM',
      '\ufeffa,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'quoted comma',
      'a,b\n"x, y",2',
      [
        ['a', 'b'],
        ['x, y', '2'],
      ],
    ],
    ['escaped quote', 'a\n"say ""hi"""', [['a'], ['say "hi"']]],
    [
      'newline in quotes',
      'a,b\n"l1\nl2",2',
      [
        ['a', 'b'],
        ['l1\nl2', '2'],
      ],
    ],
    [
      'empty fields',
      'a,b,c\n,,\n',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
      ],
    ],
    ['blank lines skipped', 'a\n\n1\n\n', [['a'], ['1']]],
    [
      'semicolon export',
      'a;b\n1,5;2',
      [
        ['a', 'b'],
        ['1,5', '2'],
      ],
    ],
    ['no trailing newline', 'a\n1', [['a'], ['1']]],
  ])('%s', (_l, text, rows) => {
    expect(parseCsv(text).map((r) => r.fields)).toEqual(rows)
  })

  it('throws on an unterminated quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(/unterminated quoted field at line 2/)
  })
})

describe('overlay keys', () => {
  it.each([
    ['way/123', 'way/123'],
    ['w123', 'way/123'],
    ['relation 45', 'relation/45'],
    ['https://www.openstreetmap.org/way/123', 'way/123'],
    ['abc', null],
  ])('normaliseOsmId(%j) → %j', (raw, id) => {
    expect(normaliseOsmId(raw)).toBe(id)
  })

  it('folds street prefixes, case, diacritics and spaces in house numbers', () => {
    expect(addressKey('Str. Primăverii', '12 A')).toBe(addressKey('strada PRIMAVERII', '12a'))
  })
})

describe('attribute overlay join', () => {
  it('joins by OSM id and by street + house number; overlay wins and is marked overlay', () => {
    const csv = [
      'osm_id,street,housenumber,levels,height_m,year,flats,heating,rehabilitated,epc_class',
      'way/102,,,3,,1995,2,heat pump,,B',
      ',Str. Primaverii,1,,31.5,1976,80,district heating,2019,c',
      'relation/401,,,,,,,gas_boiler,no,',
    ].join('\r\n')
    const { byId, report } = importWith(csv)
    expect(byId.get('way/102')).toMatchObject({
      levels: 3,
      height_m: 7.5, // tagged height stays; overlay gave only levels
      year: 1995,
      flats: 2,
      heating: 'heat_pump',
      epc_class: 'B',
      provenance: { levels: 'overlay', height_m: 'tagged', year: 'overlay', flats: 'overlay' },
    })
    expect(byId.get('way/101')).toMatchObject({
      height_m: 31.5,
      levels: 10,
      year: 1976,
      flats: 80,
      heating: 'district_heating',
      rehabilitated: 2019,
      epc_class: 'C',
      provenance: {
        height_m: 'overlay',
        levels: 'tagged',
        year: 'overlay',
        heating: 'overlay',
        rehabilitated: 'overlay',
        epc_class: 'overlay',
      },
    })
    expect(byId.get('relation/401')).toMatchObject({
      heating: 'gas_boiler',
      rehabilitated: null,
      provenance: { heating: 'overlay', rehabilitated: 'overlay' },
    })
    expect(report.warnings).toEqual([])
  })

  it('recomputes height from overlay levels when the height is not tagged', () => {
    const { byId } = importWith('osm_id,levels\nrelation/401,11\n')
    expect(byId.get('relation/401')).toMatchObject({
      levels: 11,
      height_m: 30.25,
      provenance: { levels: 'overlay', height_m: 'levels' },
    })
  })

  it('reports unmatched rows, duplicates and invalid values without stopping', () => {
    const csv = [
      'osm_id,street,housenumber,levels,year,heating,epc_class,rehabilitated,colour',
      'way/999,,,4,,,,,red',
      'way/101,,,abc,1e9,coal,Z,soon,',
      'way/101,,,7,,,,,',
      ',Strada Inexistentă,5,4,,,,,',
      'not-an-id,,,4,,,,,',
      ',,,4,,,,,',
      'w102,,,P+2,1980,,,,',
    ].join('\n')
    const { byId, report, dataset } = importWith(csv)
    expect(byId.get('way/102')).toMatchObject({ levels: 3, year: 1980 })
    expect(byId.get('way/101')).toMatchObject({ levels: 10, provenance: { levels: 'tagged' } })
    expect(report.warnings).toEqual([
      'overlay: ignored unknown column(s) colour',
      'overlay line 3: levels "abc" is not a storey count (1–200); value ignored',
      'overlay line 3: year "1e9" is not a year (1800–2100); value ignored',
      'overlay line 3: heating "coal" is not one of gas boiler, district heating, heat pump, other; value ignored',
      'overlay line 3: rehabilitated "soon" is not a year of rehabilitation (or empty); value ignored',
      'overlay line 3: epc_class "Z" is not an EPC class A+…G; value ignored',
      'overlay line 4: duplicate of line 3 (way/101); row ignored',
      'overlay line 6: osm_id "not-an-id" is not an OSM id; row ignored',
      'overlay line 7: no osm_id and no street + housenumber; row ignored',
      'overlay line 2: way/999 matched no building',
      'overlay line 5: address Strada Inexistentă 5 matched no building',
    ])
    expect(dataset.metadata.report?.warnings).toBe(report.warnings)
  })

  it.each([
    ['no key column', 'levels,year\n4,1970\n', /needs an osm_id column or street and housenumber/],
    ['broken quoting', 'osm_id,levels\n"way/1,4\n', /CSV unterminated quoted field at line 2/],
    ['empty', '', /overlay CSV is empty/],
  ])('%s → ImportError naming the overlay file', (_l, csv, why) => {
    expect(() => importWith(csv)).toThrow(ImportError)
    expect(() => importWith(csv)).toThrow(why)
    expect(() => importWith(csv)).toThrow(/^cannot read city\.csv: /)
  })
})
