import { isDistrictDataset } from '@/domain/dataset/readDataset'
import { importInWorker } from '@/workers/importClient'

import { oneLine } from './loadData'
import { useAppStore } from './store'

/**
 * Open a user's file: a prepared dataset loads directly; an OSM file (.osm, Overpass JSON,
 * GeoJSON) is imported in a worker with the same code as `npm run data`, so the page never
 * freezes. Failures become one line; the current district stays on screen.
 */
export async function importFile(file: File): Promise<void> {
  const { setDataLoading, setDataset, setDataError } = useAppStore.getState()
  setDataLoading(file.name, 0, 'import')
  try {
    const text = await file.text()
    if (/\.(geo)?json$/i.test(file.name) && text.includes('"metadata"')) {
      const parsed: unknown = JSON.parse(text)
      if (isDistrictDataset(parsed)) {
        setDataset(parsed, file.name)
        return
      }
    }
    const dataset = await importInWorker(text, file.name, (done, total) =>
      setDataLoading(file.name, total > 0 ? done / total : null, 'import'),
    )
    setDataset(dataset, file.name)
  } catch (e) {
    setDataError(oneLine(e))
  }
}
