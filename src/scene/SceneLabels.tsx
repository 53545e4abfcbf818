import { useFrame, useThree } from '@react-three/fiber'
import { useEffect, useMemo, useRef } from 'react'
import { Vector3 } from 'three'

import type { LabelAnchor } from '@/domain/dataset/labelAnchors'

/** Names show only within this distance of the camera: far away they would be clutter. */
const LABEL_RANGE_M = 700
/** At most this many at once, nearest first. */
const MAX_LABELS = 40
const CHAR_PX = 7
const LINE_PX = 18

/**
 * Street and building names over the 3D view when the camera is close. They move every frame
 * of a gesture, so they are plain DOM spans beside the canvas, placed on each rendered frame;
 * a name that would overlap a nearer one is left out.
 */
export function SceneLabels({ anchors }: { anchors: readonly LabelAnchor[] }) {
  const gl = useThree((s) => s.gl)
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  const spans = useRef<HTMLSpanElement[]>([])
  const points = useMemo(
    () => anchors.map((a) => new Vector3(a.eastM, a.upM, -a.northM)),
    [anchors],
  )
  const projected = useMemo(() => new Vector3(), [])

  useEffect(() => {
    const parent = gl.domElement.parentElement
    if (!parent) return
    const box = document.createElement('div')
    box.className = 'scene-labels'
    box.setAttribute('aria-hidden', 'true')
    spans.current = anchors.map((a) => {
      const span = document.createElement('span')
      span.className = `scene-label scene-label-${a.kind}`
      span.textContent = a.text
      span.hidden = true
      box.append(span)
      return span
    })
    parent.append(box)
    invalidate()
    return () => {
      box.remove()
      spans.current = []
    }
  }, [anchors, gl, invalidate])

  useFrame(() => {
    const width = gl.domElement.clientWidth
    const height = gl.domElement.clientHeight
    const near = points
      .map((p, i) => ({ i, d: p.distanceTo(camera.position) }))
      .filter((n) => n.d < LABEL_RANGE_M)
      .sort((a, b) => a.d - b.d)
      .slice(0, MAX_LABELS)
    const shown = new Set<number>()
    const boxes: [number, number, number, number][] = []
    for (const { i } of near) {
      const p = points[i]
      const text = anchors[i]?.text ?? ''
      if (!p) continue
      projected.copy(p).project(camera)
      if (projected.z > 1 || Math.abs(projected.x) > 1 || Math.abs(projected.y) > 1) continue
      const x = ((projected.x + 1) / 2) * width
      const y = ((1 - projected.y) / 2) * height
      const half = (text.length * CHAR_PX) / 2 + 4
      const box: [number, number, number, number] = [
        x - half,
        y - LINE_PX / 2,
        x + half,
        y + LINE_PX / 2,
      ]
      if (boxes.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]))
        continue
      boxes.push(box)
      shown.add(i)
      const span = spans.current[i]
      if (span)
        span.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) translate(-50%, -50%)`
    }
    spans.current.forEach((span, i) => {
      span.hidden = !shown.has(i)
    })
  })
  return null
}
