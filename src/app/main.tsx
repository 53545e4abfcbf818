import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { initI18n } from '@/ui/i18n'
import { COMPACT_QUERY } from '@/ui/useCompact'
import '@/ui/styles.css'

import { App } from './App'
import { registerServiceWorkerWhenSettled } from './serviceWorker'
import { installTwinHook } from './twinHook'
import { startEnergySync } from '@/state/energySync'
import { loadDatasetFromUrl } from '@/state/loadData'
import { districtClient } from '@/state/districtWorker'
import { languageFromBrowser } from '@/state/urlCodec'
import { DEFAULT_DATA_URL } from '@/domain/dataset/datasetUrl'
import { useAppStore } from '@/state/store'

import { readKiosk, readUrlState, showUrlProblems, syncUrlWithStore } from './urlState'

const { kiosk, ...kioskSettings } = readKiosk(location.search)
// The exhibit speaks Romanian first; elsewhere the browser's language unless the link says one.
const defaultLanguage = kiosk ? 'ro' : languageFromBrowser(navigator.languages)
if (kiosk) {
  useAppStore.getState().enableKiosk(kioskSettings)
  // No page zoom on the touchscreen: gestures belong to the 3D view.
  document
    .querySelector('meta[name=viewport]')
    ?.setAttribute(
      'content',
      'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no',
    )
}
const { view, problems } = readUrlState(location.search, defaultLanguage)
showUrlProblems(problems, initI18n(view.language).t)
// A phone opens on the district itself; the figures are one tap away in the menu.
if (matchMedia(COMPACT_QUERY).matches) useAppStore.getState().setDashboardOpen(false)
installTwinHook()
syncUrlWithStore(view.data, defaultLanguage)
// Start the district worker and the download before React mounts: both are on the critical path.
districtClient()
startEnergySync()
void loadDatasetFromUrl(view.data ?? DEFAULT_DATA_URL)
registerServiceWorkerWhenSettled()

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
