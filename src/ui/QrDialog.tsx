import { toString as qrSvg } from 'qrcode'
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

/** The current view as a QR code, generated locally, for a visitor to continue on a phone. */
export function QrDialog() {
  const { t } = useTranslation()
  const open = useAppStore(selectQrOpen)
  const setQrOpen = useAppStore((s) => s.setQrOpen)
  const [src, setSrc] = useState<string | null>(null)
  const [tooLong, setTooLong] = useState(false)
  const [link, setLink] = useState('')
  const close = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!open) return
    // The phone gets the normal app, not the kiosk, at the same view.
    const url = shareUrl()
    setLink(url)
    let current = true
    setTooLong(false)
    qrSvg(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => {
        if (current) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`)
      },
      // More than a QR code holds (~2.3 KB at this correction level): say so, never reject.
      () => {
        if (!current) return
        setSrc(null)
        setTooLong(true)
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
        {tooLong && (
          <p className="qr-too-long" role="status" data-testid="qr-too-long">
            {t('kiosk.qrTooLong')}
          </p>
        )}
        {src && !tooLong && (
          <img className="qr" src={src} alt={t('kiosk.qrAlt')} width={280} height={280} />
        )}
        {!tooLong && (
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
