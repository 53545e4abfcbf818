import type { TFunction } from 'i18next'

import { datasetSizeM } from '@/domain/dataset/origin'
import { sceneRuntime } from '@/scene/runtime'
import { useAppStore } from '@/state/store'

import { buildCouncilPack, type PackPage } from './councilPack'
import { districtKpis } from './Dashboard'
import { formatNumber } from './i18n'
import { legendEntries } from './Legend'

const nextFrame = () => new Promise<void>((ok) => requestAnimationFrame(() => ok()))

/** Wait until the energy figures are those of the scenario now in the store. */
async function energySettled(timeoutMs = 30_000): Promise<void> {
  const start = performance.now()
  for (;;) {
    const s = useAppStore.getState()
    if (s.energyStatus === 'error') throw new Error(s.energyError ?? 'the energy model failed')
    if (s.energy && s.energyScenario === s.scenario && s.energyStatus === 'ready') return
    if (performance.now() - start > timeoutMs) throw new Error('the energy figures did not settle')
    await new Promise((ok) => setTimeout(ok, 50))
  }
}

/**
 * Step through the story, put each view on screen exactly as presented, and take the image and
 * the dashboard's own figures from it: the PDF can only show what the app showed.
 */
export async function exportCouncilPack(t: TFunction): Promise<Blob> {
  const store = useAppStore.getState()
  const { story } = store
  if (story.length === 0) throw new Error(t('story.empty'))
  const restore = { index: store.storyIndex }
  const pages: PackPage[] = []
  const lng = store.language
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
    const scenario = s.scenario
    const measures = scenario.measures.map((m) => t(`measures.${m.id}`)).join(', ')
    const fmt = (v: number | null, d: number) =>
      v === null || !Number.isFinite(v) ? '—' : formatNumber(v, lng, d)
    const unit = (v: number | null, key: string, d: number) =>
      v === null || !Number.isFinite(v) ? '—' : t(`units.${key}`, { value: fmt(v, d) })
    pages.push({
      title: story[i]?.name ?? '',
      image: canvas.toDataURL('image/png'),
      imageAspect: canvas.width / Math.max(1, canvas.height),
      scenarioLines: [
        `${t('scenario.title')}: ${scenario.name}`,
        `${t('scenario.measures')}: ${measures || '—'}`,
        `${t('pack.buildings', { count: energy.totals.buildings })} · ${t('pack.district', {
          km: formatNumber(datasetSizeM(s.dataset?.metadata) / 1000, lng, 1),
        })}`,
      ],
      legendTitle: t(`colouring.${s.colouring}`),
      legend: legendEntries(s.colouring, s.classPalette, lng, t),
      kpiHeader: ['', t('energy.today'), t('energy.after')],
      kpis: districtKpis(energy.totals).map((k) => [
        t(`dashboard.${k.key}`),
        k.before === null ? '' : unit(k.before, k.unit, k.digits),
        unit(k.after, k.unit, k.digits),
      ]),
    })
  }
  if (restore.index === null) useAppStore.getState().stopPresenting()
  return buildCouncilPack(pages, {
    title: t('app.title'),
    subtitle: t('app.subtitle'),
    attribution: t('attribution'),
    generated: new Date().toISOString().slice(0, 10),
  })
}
