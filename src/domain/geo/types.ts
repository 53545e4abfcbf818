/** Branded coordinate spaces and units (house style §4). */

declare const brand: unique symbol
type Brand<T, B extends string> = T & { readonly [brand]: B }

/** Metres, as a plain number with a compile-time tag. */
export type Meters = Brand<number, 'Meters'>

/** WGS84 longitude/latitude in degrees, GeoJSON order (RFC 7946). */
export type LngLat = readonly [lng: number, lat: number]

/** East/north metres from a fixed local origin (see `createLocalProjection`). */
export type LocalMeters = Brand<readonly [east: number, north: number], 'LocalMeters'>

/** A ring of local-metre points, first point not repeated at the end. */
export type LocalRing = readonly LocalMeters[]
