import { DataTexture, RGBAFormat, UnsignedByteType } from 'three'

/** Width of the per-building colour lookup texture; rows grow with the building count. */
export const COLOUR_TEXTURE_WIDTH = 1024

/**
 * A small RGBA texture with one texel per building. Recolouring copies the new colours in and
 * flags an upload: O(buildings) bytes, no geometry touched (house style §9).
 */
export function createColourTexture(buildingCount: number): DataTexture {
  const rows = Math.max(1, Math.ceil(buildingCount / COLOUR_TEXTURE_WIDTH))
  const data = new Uint8Array(COLOUR_TEXTURE_WIDTH * rows * 4).fill(200)
  const texture = new DataTexture(data, COLOUR_TEXTURE_WIDTH, rows, RGBAFormat, UnsignedByteType)
  texture.needsUpdate = true
  return texture
}

/** Write per-building colours (4 bytes each) into the texture and schedule the upload. */
export function writeColours(texture: DataTexture, colours: Uint8Array): void {
  const data = texture.image.data as Uint8Array
  data.set(colours.subarray(0, Math.min(colours.length, data.length)))
  texture.needsUpdate = true
}
