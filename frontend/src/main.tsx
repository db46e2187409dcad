import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/app'
import { listenForStaleChunks } from './lib/stale-chunk'
import './styles.css'

// A page chunk of an older build (after a redeploy) reloads the page once.
listenForStaleChunks()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
