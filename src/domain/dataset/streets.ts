import type { DistrictDataset } from '../buildings/types'
import type { LngLat } from '../geo/types'

import { isBuildingFeature } from './packedDataset'

/** One street a resident can pick: its numbered blocks, or only where it runs. */
export interface StreetEntry {
  name: string
  /** Lower case, without diacritics: what typed text is matched against. */
  key: string
  /** Blocks on this street with their house numbers, in number order. */
  blocks: { id: string; number: string }[]
  /** A point on the street (for streets known only from the map, without numbered blocks). */
  at: LngLat | null
}

/** "Primăverii" and "primaverii" are the same street to a person typing on a kiosk. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** `Strada Primăverii 12A` → street and number; null when the address has no number. */
export function splitAddress(address: string): { street: string; number: string } | null {
  const m = /^(.*\S)\s+(\d+[\p{L}]?(?:\s?[/-]\s?\d*[\p{L}]?)?)$/u.exec(address.trim())
  return m?.[1] && m[2] ? { street: m[1], number: m[2] } : null
}

const byNumber = (a: { number: string }, b: { number: string }) =>
  parseInt(a.number, 10) - parseInt(b.number, 10) || a.number.localeCompare(b.number)

/** The importer's street index (`metadata.streets`) when the dataset has one. */
function indexedStreets(dataset: DistrictDataset): { name: string; ids: string[] }[] | null {
  const streets = (dataset.metadata as { streets?: unknown }).streets
  if (!Array.isArray(streets)) return null
  return streets.flatMap((s: unknown) => {
    const o = s as { name?: unknown; ids?: unknown }
    return typeof o.name === 'string' && Array.isArray(o.ids)
      ? [{ name: o.name, ids: o.ids.filter((i): i is string => typeof i === 'string') }]
      : []
  })
}

/**
 * Every street a resident might look for: from the dataset's street index, else from the
 * blocks' own addresses, plus named streets of the map layer that no block is numbered on.
 */
export function streetIndex(dataset: DistrictDataset): StreetEntry[] {
  const buildings = dataset.features.filter(isBuildingFeature)
  const streets = new Map<string, StreetEntry>()
  const entry = (name: string) => {
    const key = searchKey(name)
    let e = streets.get(key)
    if (!e) {
      e = { name, key, blocks: [], at: null }
      streets.set(key, e)
    }
    return e
  }
  const indexed = indexedStreets(dataset)
  if (indexed) {
    const address = new Map(buildings.map((b) => [b.properties.id, b.properties.address]))
    for (const s of indexed) {
      const e = entry(s.name)
      for (const id of s.ids) {
        const a = address.get(id)
        const number = a ? (splitAddress(a)?.number ?? a) : null
        if (number) e.blocks.push({ id, number })
      }
    }
  } else {
    for (const b of buildings) {
      const parts = b.properties.address ? splitAddress(b.properties.address) : null
      if (parts) entry(parts.street).blocks.push({ id: b.properties.id, number: parts.number })
    }
  }
  for (const f of dataset.features) {
    if (f.properties.kind !== 'street' || !f.properties.name) continue
    const e = entry(f.properties.name)
    if (e.at || f.geometry.type !== 'LineString') continue
    const line = f.geometry.coordinates as number[][]
    const mid = line[Math.floor(line.length / 2)]
    if (mid && mid.length >= 2) e.at = [mid[0] ?? 0, mid[1] ?? 0] as LngLat
  }
  const list = [...streets.values()]
  for (const s of list) s.blocks.sort(byNumber)
  return list.sort((a, b) => a.name.localeCompare(b.name, 'ro'))
}

/** Streets whose name contains every typed word (diacritics and case ignored). */
export function matchStreets(streets: readonly StreetEntry[], typed: string): StreetEntry[] {
  const words = searchKey(typed).split(' ').filter(Boolean)
  return streets.filter((s) => words.every((w) => s.key.includes(w)))
}
