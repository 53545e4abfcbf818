import type { CameraPose } from '@/state/slices/viewSlice'

/**
 * Render-side handles that must not live in the app store (house style §5): the picker and the
 * projector of the mounted scene, plus counters for automated checks (`window.__twin`).
 */
export interface SceneRuntime {
  /** True once a frame containing every building has been drawn. */
  ready: boolean
  /** Bumped for each dataset the scene is asked to show; a mesh only reports ready for the latest. */
  geometryToken: number
  buildingCount: number
  triangleCount: number
  /** Draw calls in the last rendered frame. */
  drawCalls: () => number
  /** Building ids in buffer order (buildingIndex → id). */
  ids: readonly string[]
  idToIndex: ReadonlyMap<string, number>
  /** Building index under a client-pixel point, or null. */
  pickAt: (clientX: number, clientY: number) => number | null
  /**
   * The drawn building surface under a client-pixel point (ray cast on the mesh): its height
   * above ground, metres, and whether it is a roof (faces up). Null over no building.
   */
  surfaceAt: (clientX: number, clientY: number) => { heightM: number; roof: boolean } | null
  /** Client-pixel position of a building's roof centre, or null when off screen. */
  screenPointOfIndex: (index: number) => { x: number; y: number } | null
  /** Ask for a new frame (the canvas renders on demand). */
  invalidate: () => void
  /** Move the camera to a pose (benchmarks, presenter mode, attract loop). */
  applyPose: (pose: CameraPose) => void
  /** The live camera pose (changes every frame during gestures; not in the store). */
  currentPose: () => CameraPose | null
  /** three.js resource counts (geometries, textures) held on the GPU. */
  memory: () => { geometries: number; textures: number }
  /** True between a lost WebGL context and its restoration. */
  contextLost: boolean
  /** Render one frame now, synchronously, and wait for the GPU to finish it. */
  renderSync: () => void
  /** Bytes of GPU buffers and textures the scene holds (geometry + colour lookup). */
  gpuBytes: () => number
  /** A building's RGBA as read back from the GPU's colour texture, or null. */
  colourOfIndex: (index: number) => number[] | null
  /** Colour textures uploaded to the GPU since load (each recolour costs one per texture). */
  colourUploads: number
  /** `performance.now()` of the last of them. */
  lastColourUploadMs: number
}

export const sceneRuntime: SceneRuntime = {
  ready: false,
  geometryToken: 0,
  buildingCount: 0,
  triangleCount: 0,
  drawCalls: () => 0,
  ids: [],
  idToIndex: new Map(),
  pickAt: () => null,
  surfaceAt: () => null,
  screenPointOfIndex: () => null,
  invalidate: () => {},
  applyPose: () => {},
  currentPose: () => null,
  gpuBytes: () => 0,
  colourOfIndex: () => null,
  colourUploads: 0,
  lastColourUploadMs: 0,
  renderSync: () => {},
  memory: () => ({ geometries: 0, textures: 0 }),
  contextLost: false,
}
