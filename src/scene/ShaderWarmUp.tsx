import { useThree } from '@react-three/fiber'
import { useEffect } from 'react'
import { BufferAttribute, BufferGeometry, Mesh } from 'three'

import { createBuildingMaterial, createBuildingUniforms } from './buildingMaterial'
import { createColourTexture } from './colourTexture'

/**
 * Compile the building shader while the dataset is still on its way: software GL takes
 * hundreds of milliseconds to compile and link, and the first full frame should not wait for it.
 * The program is cached by three.js and reused by the real mesh.
 */
export function ShaderWarmUp() {
  const gl = useThree((s) => s.gl)
  const scene = useThree((s) => s.scene)
  const camera = useThree((s) => s.camera)
  useEffect(() => {
    const geometry = new BufferGeometry()
    geometry.setAttribute('position', new BufferAttribute(new Float32Array(9), 3))
    geometry.setAttribute('normal', new BufferAttribute(new Int8Array(9), 3, true))
    geometry.setAttribute('buildingIndex', new BufferAttribute(new Float32Array(3), 1))
    const texture = createColourTexture(1)
    const material = createBuildingMaterial(createBuildingUniforms(texture))
    const mesh = new Mesh(geometry, material)
    mesh.castShadow = true
    mesh.receiveShadow = true
    scene.add(mesh)
    // The material is deliberately not disposed: disposing it would release the shared program
    // before the real mesh takes it over, and three.js would compile it again.
    void gl.compileAsync(scene, camera).finally(() => {
      scene.remove(mesh)
      geometry.dispose()
      texture.dispose()
    })
    return () => {
      scene.remove(mesh)
    }
  }, [gl, scene, camera])
  return null
}
