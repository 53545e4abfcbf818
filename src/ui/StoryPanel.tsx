import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'

import { selectStory } from '@/state/selectors'
import { useAppStore } from '@/state/store'
import { parseStory } from '@/state/urlCodec'

import { downloadBlob, downloadText } from './download'
import { PanelHeader } from './PanelHeader'

/** The presenter's story: save the current view, order the views, present, save/load JSON. */
export function StoryPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation()
  const story = useAppStore(selectStory)
  const { saveCurrentView, removeView, moveView, goToView, setStory, showNotice } =
    useAppStore.getState()
  const [name, setName] = useState('')
  const [making, setMaking] = useState(false)
  const file = useRef<HTMLInputElement>(null)

  return (
    <section className="panel story-panel" aria-label={t('story.title')} data-testid="story-panel">
      <PanelHeader title={t('story.title')} onClose={onClose} />
      <form
        onSubmit={(e) => {
          e.preventDefault()
          saveCurrentView(name.trim() || t('story.viewN', { n: story.length + 1 }))
          setName('')
        }}
      >
        <label>
          {t('story.name')}
          <input value={name} onChange={(e) => setName(e.currentTarget.value)} maxLength={120} />
        </label>
        <button type="submit" className="button" data-testid="story-save">
          {t('story.save')}
        </button>
      </form>
      <ol className="story-list">
        {story.map((v, i) => (
          <li key={`${i}-${v.name}`}>
            <span>{v.name}</span>
            <span className="story-actions">
              <button type="button" className="button" onClick={() => goToView(i)}>
                {t('story.show')}
              </button>
              <button
                type="button"
                className="button"
                onClick={() => moveView(i, -1)}
                disabled={i === 0}
                aria-label={t('story.up', { name: v.name })}
              >
                ↑
              </button>
              <button
                type="button"
                className="button"
                onClick={() => moveView(i, 1)}
                disabled={i === story.length - 1}
                aria-label={t('story.down', { name: v.name })}
              >
                ↓
              </button>
              <button
                type="button"
                className="button"
                onClick={() => removeView(i)}
                aria-label={t('story.remove', { name: v.name })}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="story-footer">
        <button
          type="button"
          className="button primary"
          disabled={story.length === 0}
          onClick={() => goToView(0)}
          data-testid="story-present"
        >
          {t('story.present')}
        </button>
        <button
          type="button"
          className="button"
          disabled={story.length === 0}
          onClick={() =>
            downloadText('manastur-story.json', JSON.stringify(story, null, 2), 'application/json')
          }
        >
          {t('story.export')}
        </button>
        <button type="button" className="button" onClick={() => file.current?.click()}>
          {t('story.import')}
        </button>
        <button
          type="button"
          className="button"
          disabled={story.length === 0 || making}
          data-testid="story-pack"
          onClick={() => {
            setMaking(true)
            // jsPDF and its font are loaded on first use: ~0.4 MB kept out of start-up.
            import('./councilPackExport')
              .then(({ exportCouncilPack }) => exportCouncilPack(t))
              .then((blob) => downloadBlob('manastur-council-pack.pdf', blob))
              .catch((e: unknown) => showNotice(e instanceof Error ? e.message : String(e)))
              .finally(() => setMaking(false))
          }}
        >
          {making ? t('pack.making') : t('story.pack')}
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(e) => {
            const f = e.currentTarget.files?.[0]
            e.currentTarget.value = ''
            if (!f) return
            void f.text().then((text) => {
              let views = null
              try {
                views = parseStory(JSON.parse(text))
              } catch {
                views = null
              }
              if (views) setStory(views)
              else showNotice(t('story.invalid', { name: f.name }))
            })
          }}
        />
      </div>
    </section>
  )
}
