import type { TFunction } from 'i18next'

import type { DatasetMetadata, ProvenanceClass, TrackedAttribute } from '@/domain/buildings/types'
import { datasetSizeM } from '@/domain/dataset/origin'
import { byClass } from '@/domain/import/summary'
import { DEFAULT_PARAMETERS, recordAt } from '@/domain/energy/parameters'
import { sceneRuntime } from '@/scene/runtime'
import { selectDataset } from '@/state/selectors'
import { useAppStore } from '@/state/store'

import {
  buildCouncilPack,
  textSection,
  titleSection,
  viewSection,
  type PackBlock,
  type PackSection,
  type ViewPage,
} from './councilPack'
import { planSection } from './councilPackPlan'
import { districtKpis, scenarioLabel, withRange } from './Dashboard'
import type { Kpi } from './Dashboard'
import { formatNumber } from './i18n'
import { figureText } from './kpiText'
import { legendCaption, legendEntries } from './Legend'

const nextFrame = () => new Promise<void>((ok) => requestAnimationFrame(() => ok()))

/** Longest side of a view's picture: sharp on A4 at ~150 dpi, a few hundred kB as JPEG. */
const IMAGE_MAX_PX = 1600
const JPEG_QUALITY = 0.82

/** How long a view waits for its ranges (they follow the figures) before it goes without, ms. */
const RANGES_WAIT_MS = 20_000

/**
 * Wait until the energy figures are those of the scenario now in the store, and their ranges
 * too: a page must not show ranges on one view and bare figures on the next.
 */
async function energySettled(timeoutMs = 30_000): Promise<void> {
  const start = performance.now()
  for (;;) {
    const s = useAppStore.getState()
    if (s.energyStatus === 'error') throw new Error(s.energyError ?? 'the energy model failed')
    const ready = s.energy && s.energyScenario === s.scenario && s.energyStatus === 'ready'
    if (ready && (s.energyRanges || performance.now() - start > RANGES_WAIT_MS)) return
    if (performance.now() - start > timeoutMs) throw new Error('the energy figures did not settle')
    await new Promise((ok) => setTimeout(ok, 50))
  }
}

/** The canvas as a JPEG no larger than IMAGE_MAX_PX: PNGs made an 18 MB pack of 3 pages. */
function jpegOf(canvas: HTMLCanvasElement): string {
  const scale = Math.min(1, IMAGE_MAX_PX / Math.max(canvas.width, canvas.height))
  const copy = document.createElement('canvas')
  copy.width = Math.round(canvas.width * scale)
  copy.height = Math.round(canvas.height * scale)
  const ctx = copy.getContext('2d')
  if (!ctx) return canvas.toDataURL('image/jpeg', JPEG_QUALITY)
  // JPEG has no transparency: the page's own background under the view.
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, copy.width, copy.height)
  ctx.drawImage(canvas, 0, 0, copy.width, copy.height)
  return copy.toDataURL('image/jpeg', JPEG_QUALITY)
}

/** Attributes whose provenance the methods page reports, with their labels. */
const PROVENANCE_ROWS: readonly [TrackedAttribute, string][] = [
  ['height_m', 'inspector.height'],
  ['levels', 'inspector.levels'],
  ['year', 'inspector.year'],
  ['heated_area_m2', 'inspector.heatedArea'],
]

/** The assumptions that move the district's figures most, by parameter path. */
const MAIN_ASSUMPTIONS = [
  'district.default_year',
  'use.prebound_factor',
  'climate.indoor_setpoint_C',
  'geometry.window_to_wall_ratio',
  'archetypes.RO_MFH_1961_1980.air_change_per_h',
  'measures.wall.u_W_m2K',
  'measures.wall.cost_eur_per_m2',
  'measures.heat_pump.efficiency_heating',
] as const

function provenanceTable(metadata: DatasetMetadata, t: TFunction, lng: string): PackBlock {
  const pct = (n: number, total: number) =>
    total > 0 ? `${formatNumber((n / total) * 100, lng, 0)}\u00a0%` : '—'
  const groups: [string, readonly ProvenanceClass[]][] = [
    [t('provenance.tagged'), ['tagged']],
    // The city's CSV and datasets joined by footprint: both are data from outside OSM.
    [t('provenance.overlay'), ['overlay', 'overlay_match']],
    [t('pack.derived'), ['levels', 'footprint']],
    [t('provenance.default'), ['default']],
  ]
  return {
    kind: 'table',
    header: ['', ...groups.map(([label]) => label)],
    widths: [36, 23, 23, 23, 23],
    rows: PROVENANCE_ROWS.map(([attribute, label]) => {
      const row = byClass(metadata.counts.byProvenance[attribute])
      const total = [...row.values()].reduce((a, b) => a + b, 0)
      return [
        t(label),
        ...groups.map(([, ps]) =>
          pct(
            ps.reduce((a, p) => a + (row.get(p) ?? 0), 0),
            total,
          ),
        ),
      ]
    }),
  }
}

function assumptionsTable(t: TFunction, lng: string): PackBlock {
  // A year is written without a thousands separator ("1977", not "1.977").
  const n = (v: number, path: string) =>
    path.endsWith('_year') ? String(Math.round(v)) : formatNumber(v, lng, 2)
  return {
    kind: 'table',
    header: [t('pack.assumption'), t('pack.value'), t('pack.range')],
    widths: [66, 32, 32],
    rows: MAIN_ASSUMPTIONS.map((path) => {
      const r = recordAt(DEFAULT_PARAMETERS, path)
      const range = (r as { range?: readonly [number, number] } | undefined)?.range
      const value = typeof r?.value === 'number' ? n(r.value, path) : '—'
      return [
        t(`pack.assumptions.${path.replace(/\./g, '_')}`),
        value,
        range
          ? `${n(range[0], path)}–${n(range[1], path)}`
          : `${t('pack.grade')}\u00a0${r?.confidence ?? '—'}`,
      ]
    }),
  }
}

/** Data sources with their shares, the model, the main assumptions, what the figures are not. */
function methodsBlocks(metadata: DatasetMetadata | undefined, t: TFunction, lng: string) {
  const blocks: PackBlock[] = [{ kind: 'heading', text: t('pack.dataHeading') }]
  if (metadata) {
    blocks.push({
      kind: 'text',
      text: t('pack.dataText', {
        count: metadata.counts.buildings,
        // The importer's source line is not translated: the date says which extract it was.
        date: metadata.generated.slice(0, 10),
      }),
    })
    if (metadata.synthetic) blocks.push({ kind: 'text', text: t('pack.synthetic') })
    blocks.push(provenanceTable(metadata, t, lng))
  }
  blocks.push(
    { kind: 'heading', text: t('pack.modelHeading') },
    { kind: 'text', text: t('pack.modelText') },
    { kind: 'heading', text: t('pack.assumptionsHeading') },
    assumptionsTable(t, lng),
    { kind: 'text', text: t('pack.gradeNote'), small: true },
    { kind: 'heading', text: t('pack.caveatsHeading') },
    { kind: 'text', text: t('pack.caveats') },
    { kind: 'heading', text: t('pack.attributionHeading') },
    { kind: 'text', text: t('pack.attributionText') },
  )
  return blocks
}

/**
 * Step through the story, put each view on screen exactly as presented, and take the image and
 * the dashboard's own figures from it: the PDF can only show what the app showed. The pack is
 * a title page, one page per view and a methods-and-caveats page.
 */
export async function exportCouncilPack(t: TFunction): Promise<Blob> {
  const store = useAppStore.getState()
  const { story } = store
  if (story.length === 0) throw new Error(t('story.empty'))
  const restore = { index: store.storyIndex }
  const lng = store.language
  const views: ViewPage[] = []
  const contents: string[] = []
  for (let i = 0; i < story.length; i++) {
    useAppStore.getState().goToView(i, true)
    // The picture comes from the 3D view; plan-view stories are drawn in 3D from the same place.
    useAppStore.getState().setViewMode('3d')
    await energySettled()
    await nextFrame()
    await nextFrame()
    sceneRuntime.renderSync()
    const canvas = document.querySelector<HTMLCanvasElement>('.view-3d canvas')
    if (!canvas) throw new Error('the 3D view is not available')
    const s = useAppStore.getState()
    const energy = s.energy
    if (!energy) throw new Error('no energy figures')
    const scenario = scenarioLabel(s.scenario.name, t)
    const measures = s.scenario.measures.map((m) => t(`measures.${m.id}`)).join(', ')
    const name = story[i]?.name ?? ''
    contents.push(`${i + 2}. ${name} — ${scenario}`)
    views.push({
      title: name,
      image: jpegOf(canvas),
      imageAspect: canvas.width / Math.max(1, canvas.height),
      scenarioLines: [
        `${t('scenario.title')}: ${scenario}`,
        `${t('scenario.measures')}: ${measures || '—'}`,
        `${t('pack.buildings', { count: energy.totals.buildings })} · ${t('pack.district', {
          km: formatNumber(datasetSizeM(selectDataset(s)?.metadata) / 1000, lng, 1),
        })}`,
      ],
      legendTitle: legendCaption(s.colouring, s.compare, t),
      legend: legendEntries(s.colouring, s.classPalette, lng, t),
      kpiHeader: ['', t('energy.today'), t('energy.after')],
      // Apartment blocks lead, with the ranges the dashboard shows ("≈ X (Y–Z)").
      kpis: districtKpis(
        energy.totals.byUseClass.apartment_block,
        s.energyRanges?.apartment_block ?? {},
      ).map((k) => {
        const unit = (key: string, value: string) => t(`units.${key}`, { value })
        // The range goes on a line of its own under the figure: one line would run off the page.
        const text = (v: number | null, r: Kpi['range']) =>
          r ? withRange(v, r, k, lng, t).replace(' (', '\n(') : figureText(v, k, lng, unit)
        return [
          t(`dashboard.${k.key}`),
          k.before === null ? '' : text(k.before, k.beforeRange),
          text(k.after, k.range),
        ]
      }),
    })
  }
  if (restore.index === null) useAppStore.getState().stopPresenting()
  const metadata = selectDataset(useAppStore.getState())?.metadata
  const count = metadata?.counts.buildings ?? 0
  // The last plan, when there is one, gets its own page before the methods.
  const plan = useAppStore.getState().plan
  if (plan) contents.push(`${story.length + 2}. ${t('planner.title')}`)
  contents.push(`${story.length + (plan ? 3 : 2)}. ${t('pack.methodsTitle')}`)
  const sections: PackSection[] = [
    titleSection(t('pack.title'), [
      {
        kind: 'text',
        text: `${t('pack.buildings', { count })} · ${t('pack.district', {
          km: formatNumber(datasetSizeM(metadata) / 1000, lng, 1),
        })}`,
      },
      { kind: 'heading', text: t('pack.contents') },
      ...contents.map((text): PackBlock => ({ kind: 'text', text })),
      { kind: 'text', text: t('pack.purpose'), small: true },
    ]),
    ...views.map(viewSection),
    ...(plan ? [planSection(plan, t, lng)] : []),
    textSection(t('pack.methodsTitle'), methodsBlocks(metadata, t, lng)),
  ]
  return buildCouncilPack(sections, {
    title: t('app.title'),
    subtitle: t('app.subtitle'),
    attribution: t('attribution'),
    generated: t('pack.generated', { date: new Date().toISOString().slice(0, 10) }),
    pageOf: (page, pages) => t('pack.pageOf', { page, pages }),
  })
}
