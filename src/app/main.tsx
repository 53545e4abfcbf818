import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { initI18n } from '@/ui/i18n'
import '@/ui/styles.css'

import { App } from './App'
import { installTwinHook } from './twinHook'
import { DEFAULT_DATA_URL, readUrlState, syncUrlWithStore } from './urlState'

const view = readUrlState(location.search)
initI18n(view.language)
installTwinHook()
syncUrlWithStore(view.data)

const root = document.getElementById('root')
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App dataUrl={view.data ?? DEFAULT_DATA_URL} />
    </StrictMode>,
  )
}
