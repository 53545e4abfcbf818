import { create as createQr } from 'qrcode'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { selectQrOpen } from '@/state/selectors'
import { useAppStore } from '@/state/store'
import { encodeShareQuery } from '@/state/urlCodec'

/**
 * The address a phone opens: the deployment's public URL (`VITE_PUBLIC_URL`, e.g. a short
 * domain), else this page's own address. A public URL serves its own dataset; a local one
 * keeps the exhibit's `data` parameter so the phone sees the same district.
 */
function shareUrl(): string {
  const s = useAppStore.getState()
  const query = encodeShareQuery({
    language: s.language,
    colouring: s.colouring,
    selectedId: s.selectedId,
    camera: s.camera,
    scenario: s.scenario,
  })
  const publicUrl = (import.meta.env.VITE_PUBLIC_URL as string | undefined)?.trim()
  if (publicUrl) return `${publicUrl}${publicUrl.includes('?') ? '&' : '?'}${query}`
  const data = new URLSearchParams(location.search).get('data')
  const dataPart = data ? `data=${encodeURIComponent(data)}&` : ''
  return `${location.origin}${location.pathname}?${dataPart}${query}`
}

/** Quiet zone around the symbol, in modules. */
const QR_MARGIN = 1

/**
 * The QR symbol of `url` as one SVG path (a run of dark modules per rect) and its size in
 * modules with the quiet zone; null when the text is more than a QR code holds (~2.3 KB at
 * this correction level). Drawn as inline SVG, not an image: an `<img>` of a `data:` SVG is a
 * document of its own, and a kiosk would make one per press for days.
 */
function qrSymbol(url: string): { size: number; path: string } | null {
  let modules: { size: number; get(row: number, col: number): number | boolean }
  try {
    modules = createQr(url, { errorCorrectionLevel: 'M' }).modules
  } catch {
    return null
  }
  let path = ''
  for (let row = 0; row < modules.size; row++) {
    let col = 0
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++
        continue
      }
      const start = col
      while (col < modules.size && modules.get(row, col)) col++
      path += `M${start + QR_MARGIN} ${row + QR_MARGIN}h${col - start}v1h${start - col}z`
    }
  }
  return { size: modules.size + 2 * QR_MARGIN, path }
}

/** The current view as a QR code, generated locally, for a visitor to continue on a phone. */
export function QrDialog() {
  const { t } = useTranslation()
  const open = useAppStore(selectQrOpen)
  const setQrOpen = useAppStore((s) => s.setQrOpen)
  const [shown, setShown] = useState<{ link: string; symbol: ReturnType<typeof qrSymbol> }>({
    link: '',
    symbol: null,
  })
  const close = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    // The phone gets the normal app, not the kiosk, at the same view.
    const link = shareUrl()
    setShown({ link, symbol: qrSymbol(link) })
    close.current?.focus()
  }, [open])

  if (!open) return null
  const { link, symbol } = shown
  const tooLong = link !== '' && symbol === null
  return (
    <div className="modal-backdrop" onClick={() => setQrOpen(false)}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-label={t('kiosk.qrTitle')}
        onClick={(e) => e.stopPropagation()}
        data-testid="qr-dialog"
      >
        <h2>{t('kiosk.qrTitle')}</h2>
        <p>{t('kiosk.qrBody')}</p>
        {tooLong && (
          <p className="qr-too-long" role="status" data-testid="qr-too-long">
            {t('kiosk.qrTooLong')}
          </p>
        )}
        {symbol && (
          <svg
            className="qr"
            role="img"
            aria-label={t('kiosk.qrAlt')}
            width={280}
            height={280}
            viewBox={`0 0 ${symbol.size} ${symbol.size}`}
            shapeRendering="crispEdges"
            data-testid="qr-code"
          >
            <rect width={symbol.size} height={symbol.size} fill="#fff" />
            <path d={symbol.path} fill="#000" />
          </svg>
        )}
        {!tooLong && link && (
          <p className="qr-link" data-testid="qr-link">
            {link}
          </p>
        )}
        <button
          ref={close}
          type="button"
          className="button primary big"
          onClick={() => setQrOpen(false)}
        >
          {t('inspector.close')}
        </button>
      </div>
    </div>
  )
}
