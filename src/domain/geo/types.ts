/** Branded coordinate spaces and units (house style §4). */

declare const brand: unique symbol
type Brand<T, B extends string> = T & { readonly [brand]: B }

/** WGS84 longitude/latitude in degrees, GeoJSON order (RFC 7946). */
export type LngLat = readonly [lng: number, lat: number]

/** East/north metres from a fixed local origin (see `createLocalProjection`). */
export type LocalMeters = Brand<readonly [east: number, north: number], 'LocalMeters'>
