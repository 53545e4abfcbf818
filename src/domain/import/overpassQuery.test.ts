import { describe, expect, it } from 'vitest'

import {
  buildManasturQuery,
  buildOverpassQuery,
  MANASTUR_AREA,
  MANASTUR_NAME_REGEX,
  parseBbox,
} from './overpassQuery'

describe('MANASTUR_AREA', () => {
  it('is the brief’s box, lon 23.53–23.58, lat 46.74–46.77', () => {
    expect(MANASTUR_AREA).toEqual([23.53, 46.74, 23.58, 46.77])
  })

  it.each<[string, number, number]>([
    // Points the block district must contain (approximate, from the district's layout).
    ['Calea Mănăștur, middle', 23.555, 46.758],
    ['Str. Govora heating plant (east fringe)', 23.5665, 46.7585],
    ['Str. Bucegi (west)', 23.54, 46.757],
    ['Str. Izlazului (south)', 23.548, 46.748],
  ])('contains %s', (_name, lon, lat) => {
    const [w, s, e, n] = MANASTUR_AREA
    expect(lon).toBeGreaterThan(w)
    expect(lon).toBeLessThan(e)
    expect(lat).toBeGreaterThan(s)
    expect(lat).toBeLessThan(n)
  })
})

describe('buildOverpassQuery', () => {
  const q = buildOverpassQuery({ bbox: [23.53, 46.74, 23.58, 46.77] })

  it('asks for JSON with a server timeout and the bbox in Overpass order (s,w,n,e)', () => {
    expect(q.startsWith('[out:json][timeout:90][bbox:46.74,23.53,46.77,23.58];')).toBe(true)
    expect(buildOverpassQuery({ bbox: MANASTUR_AREA, timeoutS: 30 })).toContain('[timeout:30]')
  })

  it.each([
    ['building ways', 'way["building"];'],
    ['building multipolygons', 'relation["building"]["type"="multipolygon"];'],
    ['highways', 'way["highway"];'],
    ['parks', 'way["leisure"~"^(park|garden)$"];'],
    ['grass, recreation grounds, forest, meadows', '"^(grass|recreation_ground|forest|meadow'],
    ['woods and scrub', 'way["natural"~"^(wood|scrub|grassland)$"];'],
    ['water areas', 'way["natural"~"^(water)$"];'],
    ['riverbanks', 'way["waterway"~"^(riverbank)$"];'],
    ['water=*', 'way["water"];'],
    ['streams', 'way["waterway"~"^(river|stream|canal|ditch|drain)$"];'],
    ['neighbourhood outlines', 'relation["place"~"^(suburb|quarter|neighbourhood)$"];'],
    ['admin level 9–10', 'relation["boundary"="administrative"]["admin_level"~"^(9|10)$"];'],
    ['geometry inline', 'out geom qt;'],
  ])('includes %s', (_name, clause) => {
    expect(q).toContain(clause)
  })

  it('is one union followed by one output statement', () => {
    expect(q.match(/^\($/gm)).toHaveLength(1)
    expect(q.match(/^\);$/gm)).toHaveLength(1)
    expect(q.match(/^out /gm)).toHaveLength(1)
  })

  it('writes coordinates as plain decimals, never exponents', () => {
    const tiny = buildOverpassQuery({ bbox: [-0.0000001, -0.5, 0.00000012, 0.5] })
    expect(tiny).toContain('[bbox:-0.5,-0.0000001,0.5,0.0000001];')
    expect(tiny).not.toMatch(/\de-\d/)
  })

  it('the Mănăștur query filters the boundary by name, case-insensitively', () => {
    const m = buildManasturQuery()
    expect(m).toContain('[bbox:46.74,23.53,46.77,23.58]')
    expect(m).toContain(`["name"~"${MANASTUR_NAME_REGEX}",i]`)
    expect(m).not.toContain('["admin_level"~"^(9|10)$"]')
  })

  it.each(['Mănăștur', 'Mănăştur', 'Manastur', 'Cartierul Mănăștur'])(
    'the name regex matches %s',
    (name) => {
      expect(new RegExp(MANASTUR_NAME_REGEX, 'i').test(name)).toBe(true)
    },
  )

  it.each(['Calea Mănăștur', 'Grădini Mănăștur', 'Zorilor'])(
    'the name regex does not match %s',
    (name) => {
      expect(new RegExp(MANASTUR_NAME_REGEX, 'i').test(name)).toBe(false)
    },
  )
})

describe('parseBbox', () => {
  it.each<[string, [number, number, number, number]]>([
    ['23.53,46.74,23.58,46.77', [23.53, 46.74, 23.58, 46.77]],
    [' 23.5 , 46.7 , 23.6 , 46.8 ', [23.5, 46.7, 23.6, 46.8]],
    ['-0.2,51.4,0.1,51.6', [-0.2, 51.4, 0.1, 51.6]],
    ['+10,-5,10.5,-4.5', [10, -5, 10.5, -4.5]],
  ])('%s', (raw, expected) => {
    expect(parseBbox(raw)).toEqual(expected)
  })

  it.each<[string, RegExp]>([
    ['23.53,46.74,23.58', /got 3 value/],
    ['23.53,46.74,23.58,46.77,1', /got 5 value/],
    ['', /got 1 value/],
    ['a,46.74,23.58,46.77', /west "a" is not a number/],
    ['23.53,46.74,23.58,', /north "" is not a number/],
    ['1e1,46.74,23.58,46.77', /west "1e1" is not a number/],
    ['23.58,46.74,23.53,46.77', /west 23.58 must be less than east 23.53/],
    ['23.53,46.77,23.58,46.74', /south 46.77 must be less than north 46.74/],
    ['190,46.74,191,46.77', /longitudes must be within/],
    ['23.53,95,23.58,96', /latitudes must be within/],
    ['20,46,25,47', /over 1°.*split the area/],
  ])('rejects %s with one line', (raw, why) => {
    expect(() => parseBbox(raw)).toThrow(RangeError)
    expect(() => parseBbox(raw)).toThrow(why)
    try {
      parseBbox(raw)
    } catch (e) {
      expect((e as Error).message).not.toContain('\n')
      expect((e as Error).message).toMatch(/^--bbox must be west,south,east,north/)
    }
  })
})
