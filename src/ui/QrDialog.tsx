import { toString as qrSvg } from 'qrcode'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { selectQrOpen } from '@/state/selectors'
import { useAppStore } from '@/state/store'

/** The current view as a QR code, generated locally, for a visitor to continue on a phone. */
export function QrDialog() {
  const { t } = useTranslation()
  const open = useAppStore(selectQrOpen)
  const setQrOpen = useAppStore((s) => s.setQrOpen)
  const [src, setSrc] = useState<string | null>(null)
  const close = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    // The phone gets the normal app, not the kiosk: drop the exhibit-only parameters.
    const url = new URL(location.href)
    for (const p of ['kiosk', 'idle', 'reset']) url.searchParams.delete(p)
    let current = true
    void qrSvg(url.toString(), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => {
        if (current) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`)
      },
    )
    close.current?.focus()
    return () => {
      current = false
    }
  }, [open])

  if (!open) return null
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
        {src && <img className="qr" src={src} alt={t('kiosk.qrAlt')} width={280} height={280} />}
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
