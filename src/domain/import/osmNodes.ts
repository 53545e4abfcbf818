/**
 * Compact keeping of OSM nodes while a file is read (the streamed `.osm` and `.osm.pbf`
 * readers): each node is 24 bytes in three growable Float64Arrays (id, lat, lon) instead of
 * an object, a Map entry and a position array; only tagged nodes (addresses) also stay
 * elements. `convertOsm` looks way nodes up in the table by binary search.
 */
import type { OverpassElement, OverpassJson } from './overpassTypes'

/** Node positions by id: `[lon, lat]`, or undefined when the file lacks the node. */
export interface NodeTable {
  readonly size: number
  get(id: number): [number, number] | undefined
}

/** Collects the elements a reader produces; `compact` keeps untagged nodes in a NodeTable. */
export class OsmCollector {
  readonly elements: OverpassElement[] = []
  private ids: Float64Array = new Float64Array(4096)
  private lats: Float64Array = new Float64Array(4096)
  private lons: Float64Array = new Float64Array(4096)
  private n = 0
  private sorted = true

  constructor(readonly compact: boolean) {}

  node(id: number, lat: number, lon: number, tags: Record<string, string> | null): void {
    if (!this.compact) {
      this.elements.push({ type: 'node', id, lat, lon, ...(tags && { tags }) })
      return
    }
    if (tags) this.elements.push({ type: 'node', id, lat, lon, tags })
    if (this.n === this.ids.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2)
        b.set(a)
        return b
      }
      this.ids = grow(this.ids)
      this.lats = grow(this.lats)
      this.lons = grow(this.lons)
    }
    if (this.n > 0 && id <= (this.ids[this.n - 1] ?? 0)) this.sorted = false
    this.ids[this.n] = id
    this.lats[this.n] = lat
    this.lons[this.n] = lon
    this.n++
  }

  add(e: OverpassElement): void {
    this.elements.push(e)
  }

  /** The elements read, with the node table when compact. */
  finish(generator: string | undefined): OverpassJson {
    const json: OverpassJson =
      generator === undefined ? { elements: this.elements } : { generator, elements: this.elements }
    if (this.compact) json.nodeTable = this.table()
    return json
  }

  private table(): NodeTable {
    let n = this.n
    let ids = this.ids.subarray(0, n)
    let lats = this.lats.subarray(0, n)
    let lons = this.lons.subarray(0, n)
    if (!this.sorted) {
      // Sort by id, the last of equal ids winning (as a Map filled in file order would).
      const order = new Uint32Array(n)
      for (let i = 0; i < n; i++) order[i] = i
      const src = ids
      order.sort((a, b) => (src[a] ?? 0) - (src[b] ?? 0) || a - b)
      const ids2 = new Float64Array(n)
      const lats2 = new Float64Array(n)
      const lons2 = new Float64Array(n)
      let k = 0
      for (let i = 0; i < n; i++) {
        const o = order[i] ?? 0
        const id = src[o] ?? 0
        if (k > 0 && ids2[k - 1] === id) k--
        ids2[k] = id
        lats2[k] = lats[o] ?? 0
        lons2[k] = lons[o] ?? 0
        k++
      }
      n = k
      ids = ids2.subarray(0, k)
      lats = lats2.subarray(0, k)
      lons = lons2.subarray(0, k)
    } else {
      // Trim the spare capacity so the table holds exactly its nodes.
      ids = ids.slice()
      lats = lats.slice()
      lons = lons.slice()
    }
    this.ids = this.lats = this.lons = new Float64Array(0)
    return {
      size: n,
      get(id) {
        let lo = 0
        let hi = n - 1
        while (lo <= hi) {
          const mid = (lo + hi) >>> 1
          const v = ids[mid] ?? 0
          if (v < id) lo = mid + 1
          else if (v > id) hi = mid - 1
          else return [lons[mid] ?? 0, lats[mid] ?? 0]
        }
        return undefined
      },
    }
  }
}
