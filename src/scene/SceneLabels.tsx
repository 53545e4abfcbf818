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
 *
 * Only `MAX_LABELS` spans exist, reused for whichever names are nearest: a span per anchor
 * (20,000 at 100k blocks) made every style recalculation and DOM query on the page walk them
 * all, and the nearest are found in one pass over a flat coordinate array, not per-anchor objects.
 */
export function SceneLabels({ anchors }: { anchors: readonly LabelAnchor[] }) {
  const gl = useThree((s) => s.gl)
  const camera = useThree((s) => s.camera)
  const invalidate = useThree((s) => s.invalidate)
  const spans = useRef<HTMLSpanElement[]>([])
  // What each span shows now (an anchor index, -1: hidden), so unchanged spans are not touched.
  const showing = useRef<Int32Array>(new Int32Array(MAX_LABELS).fill(-1))
  const xyz = useMemo(() => {
    const a = new Float64Array(anchors.length * 3)
    anchors.forEach((p, i) => {
      a[i * 3] = p.eastM
      a[i * 3 + 1] = p.upM
      a[i * 3 + 2] = -p.northM
    })
    return a
  }, [anchors])
  const scratch = useMemo(
    () => ({
      projected: new Vector3(),
      near: new Int32Array(MAX_LABELS),
      nearD: new Float64Array(MAX_LABELS),
      boxes: new Float64Array(MAX_LABELS * 4),
    }),
    [],
  )

  useEffect(() => {
    const parent = gl.domElement.parentElement
    if (!parent) return
    const box = document.createElement('div')
    box.className = 'scene-labels'
    box.setAttribute('aria-hidden', 'true')
    spans.current = Array.from({ length: Math.min(MAX_LABELS, anchors.length) }, () => {
      const span = document.createElement('span')
      span.hidden = true
      box.append(span)
      return span
    })
    showing.current.fill(-1)
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
    const { projected, near, nearD, boxes } = scratch
    // The nearest MAX_LABELS anchors within range, nearest first (insertion into a short list).
    const cx = camera.position.x
    const cy = camera.position.y
    const cz = camera.position.z
    const range2 = LABEL_RANGE_M * LABEL_RANGE_M
    let count = 0
    for (let i = 0; i < anchors.length; i++) {
      const dx = (xyz[i * 3] ?? 0) - cx
      const dy = (xyz[i * 3 + 1] ?? 0) - cy
      const dz = (xyz[i * 3 + 2] ?? 0) - cz
      const d = dx * dx + dy * dy + dz * dz
      if (d >= range2 || (count === MAX_LABELS && d >= (nearD[count - 1] ?? 0))) continue
      let k = count < MAX_LABELS ? count++ : count - 1
      for (; k > 0 && (nearD[k - 1] ?? 0) > d; k--) {
        nearD[k] = nearD[k - 1] ?? 0
        near[k] = near[k - 1] ?? 0
      }
      nearD[k] = d
      near[k] = i
    }
    let placed = 0
    for (let n = 0; n < count; n++) {
      const i = near[n] ?? 0
      const text = anchors[i]?.text ?? ''
      projected.set(xyz[i * 3] ?? 0, xyz[i * 3 + 1] ?? 0, xyz[i * 3 + 2] ?? 0).project(camera)
      if (projected.z > 1 || Math.abs(projected.x) > 1 || Math.abs(projected.y) > 1) continue
      const x = ((projected.x + 1) / 2) * width
      const y = ((1 - projected.y) / 2) * height
      const half = (text.length * CHAR_PX) / 2 + 4
      const x0 = x - half
      const y0 = y - LINE_PX / 2
      const x1 = x + half
      const y1 = y + LINE_PX / 2
      let overlaps = false
      for (let b = 0; b < placed * 4 && !overlaps; b += 4)
        overlaps =
          (boxes[b] ?? 0) < x1 &&
          x0 < (boxes[b + 2] ?? 0) &&
          (boxes[b + 1] ?? 0) < y1 &&
          y0 < (boxes[b + 3] ?? 0)
      if (overlaps) continue
      boxes.set([x0, y0, x1, y1], placed * 4)
      const span = spans.current[placed]
      if (span) {
        if (showing.current[placed] !== i) {
          const a = anchors[i]
          span.className = `scene-label scene-label-${a?.kind ?? 'building'}`
          span.textContent = text
          showing.current[placed] = i
        }
        span.style.transform = `translate(${x.toFixed(1)}px, ${y.toFixed(1)}px) translate(-50%, -50%)`
        span.hidden = false
      }
      placed++
    }
    for (let s = placed; s < spans.current.length; s++) {
      const span = spans.current[s]
      if (span && !span.hidden) span.hidden = true
    }
  })
  return null
}
