import { Component, type ErrorInfo, type ReactNode } from 'react'
import { Translation } from 'react-i18next'

interface Props {
  children: ReactNode
}
interface State {
  failed: boolean
}

/** Catches render errors: a visitor sees a calm message and a reload button, never a stack. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failed: false }

  static getDerivedStateFromError(): State {
    return { failed: true }
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Developers still get the details in the console.
    console.error(error, info.componentStack)
  }

  override render() {
    if (!this.state.failed) return this.props.children
    return (
      <Translation>
        {(t) => (
          <div className="overlay-card" role="alert">
            <h2>{t('error.title')}</h2>
            <p>{t('error.body')}</p>
            <button type="button" className="button primary" onClick={() => location.reload()}>
              {t('error.reload')}
            </button>
          </div>
        )}
      </Translation>
    )
  }
}
