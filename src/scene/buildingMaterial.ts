import { Color, MeshLambertMaterial, ShaderMaterial, type DataTexture } from 'three'

import { COLOUR_TEXTURE_WIDTH } from './colourTexture'

/** Uniforms shared by the display and picking materials. */
export interface BuildingUniforms {
  colourTexture: { value: DataTexture }
  selectedIndex: { value: number }
  highlightColour: { value: Color }
}

export function createBuildingUniforms(texture: DataTexture): BuildingUniforms {
  return {
    colourTexture: { value: texture },
    selectedIndex: { value: -1 },
    highlightColour: { value: new Color('#ff2bd6') },
  }
}

const LOOKUP = /* glsl */ `
attribute float buildingIndex;
uniform sampler2D colourTexture;
uniform float selectedIndex;
uniform vec3 highlightColour;
varying vec3 vBuildingColour;
// Roofs light, walls darker by the way they face (a key direction 30° off the grid, so the four
// walls of an axis-aligned block all differ): touching blocks and corners read apart even under
// flat light, and a recolour stays a texture upload.
float faceShade(vec3 n) {
  if (n.y > 0.5) return 1.0;
  vec2 h = normalize(n.xz + vec2(1e-6));
  return 0.74 + 0.14 * dot(h, vec2(0.5, 0.866));
}
`

const LOOKUP_MAIN = /* glsl */ `
  ivec2 texel = ivec2(int(mod(buildingIndex, ${COLOUR_TEXTURE_WIDTH}.0)), int(buildingIndex / ${COLOUR_TEXTURE_WIDTH}.0));
  vec3 c = texelFetch(colourTexture, texel, 0).rgb;
  // Colours are authored in sRGB; lighting happens in linear space.
  vBuildingColour = abs(buildingIndex - selectedIndex) < 0.5 ? highlightColour : pow(c, vec3(2.2));
  vBuildingColour *= faceShade(normal);
`

/**
 * Lambert-lit material that takes each vertex's colour from the per-building texture, so a new
 * colouring is a texture upload and never a geometry rebuild.
 */
export function createBuildingMaterial(uniforms: BuildingUniforms): MeshLambertMaterial {
  const material = new MeshLambertMaterial({ color: 0xffffff })
  material.onBeforeCompile = (shader) => {
    Object.assign(shader.uniforms, uniforms)
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', `#include <common>\n${LOOKUP}`)
      .replace('#include <begin_vertex>', `#include <begin_vertex>\n${LOOKUP_MAIN}`)
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', '#include <common>\nvarying vec3 vBuildingColour;')
      .replace(
        'vec4 diffuseColor = vec4( diffuse, opacity );',
        'vec4 diffuseColor = vec4( diffuse * vBuildingColour, opacity );',
      )
  }
  material.customProgramCacheKey = () => 'building-colour-texture'
  return material
}

/**
 * Picking material: writes (building index + 1) as a 24-bit RGB value, so reading one pixel
 * under the pointer names the building; 0 means no building.
 */
export function createPickingMaterial(): ShaderMaterial {
  return new ShaderMaterial({
    vertexShader: /* glsl */ `
      attribute float buildingIndex;
      flat varying float vId;
      void main() {
        vId = buildingIndex + 1.0;
        gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
      }`,
    fragmentShader: /* glsl */ `
      flat varying float vId;
      void main() {
        float id = vId;
        float r = floor(id / 65536.0);
        float g = floor((id - r * 65536.0) / 256.0);
        float b = id - r * 65536.0 - g * 256.0;
        gl_FragColor = vec4(r / 255.0, g / 255.0, b / 255.0, 1.0);
      }`,
  })
}

/** Decode the picking colour read back from one pixel; null when no building is there. */
export function decodePickedIndex(rgba: ArrayLike<number>): number | null {
  const id = (rgba[0] ?? 0) * 65536 + (rgba[1] ?? 0) * 256 + (rgba[2] ?? 0)
  return id === 0 ? null : id - 1
}
