import { MapView, WebMercatorViewport } from '@deck.gl/core'
import { HexagonLayer } from '@deck.gl/aggregation-layers'
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers'
import { DeckGL, type DeckGLRef } from '@deck.gl/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import type { ContextFeature } from '@/domain/buildings/types'
import { datasetOrigin } from '@/domain/dataset/origin'
import { footprintCentre, idsInsideLasso } from '@/domain/geo/lasso'
import { setSelection } from '@/state/scenarioEdit'
import { selectBuildingColours } from '@/state/colours'
import {
  buildingIndexOf,
  buildingsOf,
  selectDataset,
  selectEnergy,
  selectSelectedId,
} from '@/state/selectors'
import { useAppStore } from '@/state/store'
import { publishViewGauge } from '@/state/viewGauge'
import { homePose } from '@/scene/cameraMath'

import { createBuildingLayer, planPolygonsOf } from './createBuildingLayer'
import { planMetresPerPx, poseOf, viewStateOf, type PlanViewState } from './viewStateOf'

const VIEW = new MapView({ repeat: false })
const DEG = Math.PI / 180

/** The compass and scale bar of the plan: deck's bearing is the heading, in degrees. */
const publishPlanGauge = (v: PlanViewState) =>
  publishViewGauge({ headingRad: v.bearing * DEG, metresPerPx: planMetresPerPx(v) })
const KIND_COLOURS: Record<string, [number, number, number]> = {
  green: [200, 220, 184],
  water: [168, 204, 230],
  boundary: [217, 212, 204],
}

/**
 * The 2D plan view (deck.gl): footprints coloured exactly like the 3D scene, street context,
 * the same selection; its camera converts to and from the 3D pose so switching keeps the place.
 */
export function PlanView() {
  const { t } = useTranslation()
  const dataset = useAppStore(selectDataset)
  const colours = useAppStore(selectBuildingColours)
  const selectedId = useAppStore(selectSelectedId)
  const energy = useAppStore(selectEnergy)
  // The lasso's points change on every pointer move: a ref and a direct SVG write, so the deck
  // layers are not rebuilt per point; React hears only of lasso on/off.
  const [lassoOn, setLassoOn] = useState(false)
  const lassoPoints = useRef<[number, number][]>([])
  const lassoLine = useRef<SVGPolylineElement>(null)
  const drawLasso = (points: [number, number][]) => {
    lassoPoints.current = points
    lassoLine.current?.setAttribute('points', points.map((p) => p.join(',')).join(' '))
  }
  const commitTimer = useRef(0)
  const deckRef = useRef<DeckGLRef>(null)
  // For automated checks: where a lng/lat lands on screen in the plan view, and its centre.
  useEffect(() => {
    const w = window as unknown as { __plan?: unknown }
    w.__plan = {
      centre: () => {
        const viewport = deckRef.current?.deck?.getViewports()[0]
        return viewport instanceof WebMercatorViewport
          ? [viewport.longitude, viewport.latitude]
          : null
      },
      project: (lngLat: [number, number]) => {
        const deck = deckRef.current?.deck
        const viewport = deck?.getViewports()[0]
        if (!viewport) return null
        // Client pixels, like the 3D view's screenPointOf: the plan fills only the view region.
        const rect = (deck?.getCanvas() ?? document.body).getBoundingClientRect()
        const [x = 0, y = 0] = viewport.project(lngLat)
        return [x + rect.left, y + rect.top]
      },
    }
    return () => {
      w.__plan = undefined
    }
  }, [])

  const derived = useMemo(() => {
    if (!dataset) return null
    const buildings = buildingsOf(dataset)
    const context = dataset.features.filter(
      (f): f is ContextFeature => f.properties.kind !== 'building',
    )
    return {
      origin: datasetOrigin(dataset.metadata),
      buildings,
      polygons: planPolygonsOf(buildings),
      streets: context.filter((f) => f.properties.kind === 'street'),
      areas: context.filter(
        (f) => f.properties.kind !== 'street' && f.geometry.type.endsWith('Polygon'),
      ),
    }
  }, [dataset])

  const initialViewState = useMemo(() => {
    if (!derived) return undefined
    const pose = useAppStore.getState().camera ?? homePose(1500)
    return viewStateOf(pose, derived.origin, window.innerHeight)
  }, [derived])

  // Savings density: each block's saved primary energy (MWh/yr) at its centre, summed per hexagon.
  const savings = useMemo(() => {
    if (!derived || !energy) return []
    return derived.buildings.flatMap((f, i) => {
      const saved =
        ((energy.primaryBefore[i] ?? 0) - (energy.primaryAfter[i] ?? 0)) *
        f.properties.heated_area_m2
      if (!(saved > 0)) return []
      return [{ position: footprintCentre(f), mwh: saved / 1000 }]
    })
  }, [derived, energy])

  useEffect(() => {
    if (initialViewState) publishPlanGauge(initialViewState)
  }, [initialViewState])

  if (!dataset || !derived || !initialViewState) return null
  const selectedIndex = selectedId ? (buildingIndexOf(dataset).get(selectedId) ?? -1) : -1

  const layers = [
    new SolidPolygonLayer<ContextFeature>({
      id: 'context-areas',
      data: derived.areas,
      getPolygon: (f) =>
        (f.geometry.type === 'Polygon'
          ? f.geometry.coordinates
          : (f.geometry.coordinates[0] ?? [])) as [number, number][][],
      getFillColor: (f) => KIND_COLOURS[f.properties.kind] ?? [220, 220, 220],
    }),
    new PathLayer<ContextFeature>({
      id: 'streets',
      data: derived.streets,
      widthUnits: 'meters',
      getWidth: (f) => f.properties.width_m ?? 6,
      getPath: (f) =>
        (f.geometry.type === 'LineString'
          ? f.geometry.coordinates
          : (f.geometry.coordinates[0] ?? [])) as [number, number][],
      getColor: [255, 255, 255],
    }),
    new HexagonLayer<{ position: [number, number]; mwh: number }>({
      id: 'savings-density',
      data: savings,
      radius: 120,
      opacity: 0.35,
      getPosition: (d) => d.position,
      getColorWeight: (d) => d.mwh,
      colorAggregation: 'SUM',
      colorRange: [
        [239, 243, 255],
        [198, 219, 239],
        [158, 202, 225],
        [107, 174, 214],
        [49, 130, 189],
        [8, 81, 156],
      ],
    }),
    createBuildingLayer({ polygons: derived.polygons, colours, selectedIndex }),
  ]

  return (
    <div className="plan-view" data-testid="plan-view">
      <div className="panel plan-note">
        <p>{t('plan.density')}</p>
        <button
          type="button"
          className="button"
          aria-pressed={lassoOn}
          onClick={() => {
            lassoPoints.current = []
            setLassoOn(!lassoOn)
          }}
          data-testid="lasso-toggle"
        >
          {t('plan.lasso')}
        </button>
      </div>
      {lassoOn && (
        <svg
          className="lasso-layer"
          data-testid="lasso-layer"
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId)
            drawLasso([[e.clientX, e.clientY]])
          }}
          onPointerMove={(e) => {
            if (lassoPoints.current.length === 0 || e.buttons === 0) return
            drawLasso([...lassoPoints.current, [e.clientX, e.clientY]])
          }}
          onPointerUp={() => {
            const viewport = deckRef.current?.deck?.getViewports()[0]
            const ring = viewport ? lassoPoints.current.map((p) => viewport.unproject(p)) : []
            const ids = idsInsideLasso(derived.buildings, ring)
            const s = useAppStore.getState()
            s.setPicked(ids)
            if (ids.length > 0) s.setScenario(setSelection(s.scenario, { ids }))
            s.showNotice(t('plan.lassoDone', { count: ids.length }))
            lassoPoints.current = []
            setLassoOn(false)
          }}
        >
          <polyline ref={lassoLine} />
        </svg>
      )}
      <DeckGL
        ref={deckRef}
        views={VIEW}
        initialViewState={initialViewState}
        controller={lassoOn ? false : { touchRotate: true, dragRotate: true, keyboard: true }}
        layers={layers}
        getCursor={({ isHovering }) => (isHovering ? 'pointer' : 'grab')}
        onClick={(info) => {
          const picked = info.object as { index: number } | undefined
          useAppStore
            .getState()
            .selectBuilding(
              picked ? (derived.buildings[picked.index]?.properties.id ?? null) : null,
            )
        }}
        onViewStateChange={({ viewState }) => {
          publishPlanGauge(viewState as PlanViewState)
          window.clearTimeout(commitTimer.current)
          commitTimer.current = window.setTimeout(() => {
            useAppStore
              .getState()
              .commitCamera(poseOf(viewState as PlanViewState, derived.origin, window.innerHeight))
          }, 200)
        }}
      />
    </div>
  )
}
