import { DataTexture, RGBAFormat, UnsignedByteType, type WebGLRenderer } from 'three'

import { sceneRuntime } from './runtime'

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
  // three.js calls this after each upload to the GPU: the count tests read (`__twin`).
  texture.onUpdate = () => {
    sceneRuntime.colourUploads++
    sceneRuntime.lastColourUploadMs = performance.now()
  }
  return texture
}

/** Write per-building colours (4 bytes each) into the texture and schedule the upload. */
export function writeColours(texture: DataTexture, colours: Uint8Array): void {
  const data = texture.image.data as Uint8Array
  data.set(colours.subarray(0, Math.min(colours.length, data.length)))
  texture.needsUpdate = true
}

/**
 * Read building `index`'s texel back from the GPU copy of `texture` (what the shader samples),
 * not from the CPU array: a broken write or upload shows here. Null when there is no GPU copy.
 */
export function readColourTexel(
  renderer: WebGLRenderer,
  texture: DataTexture,
  index: number,
): number[] | null {
  // Upload pending colours first, as the next frame would: the read shows what it will draw.
  renderer.initTexture(texture)
  const handle = (renderer.properties.get(texture) as { __webglTexture?: WebGLTexture })
    .__webglTexture
  if (!handle) return null
  const gl = renderer.getContext()
  const previous = gl.getParameter(gl.FRAMEBUFFER_BINDING) as WebGLFramebuffer | null
  const framebuffer = gl.createFramebuffer()
  gl.bindFramebuffer(gl.FRAMEBUFFER, framebuffer)
  gl.framebufferTexture2D(gl.FRAMEBUFFER, gl.COLOR_ATTACHMENT0, gl.TEXTURE_2D, handle, 0)
  const texel = new Uint8Array(4)
  const x = index % COLOUR_TEXTURE_WIDTH
  const y = Math.floor(index / COLOUR_TEXTURE_WIDTH)
  gl.readPixels(x, y, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, texel)
  gl.bindFramebuffer(gl.FRAMEBUFFER, previous)
  gl.deleteFramebuffer(framebuffer)
  return [...texel]
}
