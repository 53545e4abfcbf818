import { useEffect, useMemo } from 'react'
import { BufferAttribute, BufferGeometry, DoubleSide, MeshLambertMaterial } from 'three'

/** The context geometry the worker builds: flat polygons and street ribbons near y = 0. */
export interface GroundMeshBuffers {
  positions: Float32Array
  indices: Uint32Array
  /** Per-vertex context kind: 0 street, 1 green, 2 water, 3 boundary. */
  kindIndex: Float32Array | Uint8Array
}

/** Quiet ground colours (sRGB), by context kind index. */
const KIND_COLOURS: readonly (readonly [number, number, number])[] = [
  [0.99, 0.99, 0.98], // street
  [0.78, 0.86, 0.72], // green
  [0.66, 0.8, 0.9], // water
  [0.85, 0.83, 0.8], // boundary
]

/** A large neutral ground plane plus the quiet context layers (streets, green, water). */
export function Ground({ sizeM, ground }: { sizeM: number; ground: GroundMeshBuffers | null }) {
  const contextMesh = useMemo(() => {
    if (!ground || ground.indices.length === 0) return null
    const geometry = new BufferGeometry()
    geometry.setAttribute('position', new BufferAttribute(ground.positions, 3))
    const colours = new Float32Array((ground.positions.length / 3) * 3)
    for (let i = 0; i < ground.kindIndex.length; i++) {
      const c = KIND_COLOURS[ground.kindIndex[i] ?? 0] ?? KIND_COLOURS[0]
      if (c) colours.set(c, i * 3)
    }
    geometry.setAttribute('color', new BufferAttribute(colours, 3))
    geometry.setIndex(new BufferAttribute(ground.indices, 1))
    geometry.computeVertexNormals()
    return { geometry, material: new MeshLambertMaterial({ vertexColors: true, side: DoubleSide }) }
  }, [ground])

  useEffect(
    () => () => {
      contextMesh?.geometry.dispose()
      contextMesh?.material.dispose()
    },
    [contextMesh],
  )

  return (
    <>
      <mesh rotation-x={-Math.PI / 2} position-y={-0.05} receiveShadow>
        <planeGeometry args={[sizeM, sizeM]} />
        <meshLambertMaterial color="#eeece6" />
      </mesh>
      {contextMesh && (
        <mesh geometry={contextMesh.geometry} material={contextMesh.material} receiveShadow />
      )}
    </>
  )
}
