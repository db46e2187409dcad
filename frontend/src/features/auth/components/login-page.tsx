import { useEffect, useState } from 'react'
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { homePath } from '@/lib/access'
import { LoginError, login, safeNext, useSession } from '@/lib/auth'

/** Sign-in with user name and password; afterwards back to the page that asked for it (`?next=`). */
export default function LoginPage() {
  const session = useSession()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const next = safeNext(params.get('next'))
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<LoginError | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    document.title = 'Sign in · Callsight'
  }, [])

  if (session && !busy) return <Navigate to={next ?? homePath(session.role)} replace />

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    if (!username.trim() || !password) {
      setError(new LoginError('invalid', 'Enter your user name and password.'))
      return
    }
    setError(null)
    setBusy(true)
    try {
      const signedIn = await login(username.trim(), password)
      navigate(next ?? homePath(signedIn.role), { replace: true })
    } catch (e) {
      setError(e instanceof LoginError ? e : new LoginError('unavailable', (e as Error).message))
      setPassword('')
      setBusy(false)
    }
  }

  return (
    <div className="login-screen">
      <main className="login-card" id="main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">◉</span> Callsight
        </div>
        <h1>Sign in</h1>
        {next && <p className="muted">Sign in to continue to {next.split('?')[0]}.</p>}
        <form onSubmit={submit} aria-label="Sign in" noValidate>
          <div className="field">
            <label htmlFor="login-username">User name</label>
            <input id="login-username" name="username" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} aria-invalid={error?.kind === 'invalid' || undefined} />
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <input id="login-password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={error?.kind === 'invalid' || undefined} />
          </div>
          {error && (
            <p className={error.kind === 'locked' ? 'notice notice-warning' : 'notice notice-error'} role="alert">
              {error.message}
            </p>
          )}
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  )
}
