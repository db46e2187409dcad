import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * A second backend the spec owns (Playwright's webServer owns the first and cannot be restarted
 * from a spec): its own port and data directory, no demo data, a known admin password. It can be
 * stopped with SIGTERM and started again on the same data, as a server restart.
 */
export class SecondServer {
  readonly port: number
  readonly dataDir: string
  readonly adminPassword = 'e2e-live-restart-secret'
  private process: ChildProcess | null = null
  private starts = 0

  /** More environment for the server (e.g. CALLSIGHT_TOKEN_MINUTES). */
  private readonly env: Record<string, string>

  private constructor(port: number, dataDir: string, env: Record<string, string>) {
    this.port = port
    this.dataDir = dataDir
    this.env = env
  }

  static async create(env: Record<string, string> = {}): Promise<SecondServer> {
    return new SecondServer(await freePort(), mkdtempSync(join(tmpdir(), 'callsight-e2e-live-')), env)
  }

  get baseURL(): string {
    return `http://127.0.0.1:${this.port}`
  }

  async start(timeoutMs = 90_000): Promise<void> {
    const jar = resolve(process.env.E2E_JAR ?? '../backend/target/quarkus-app/quarkus-run.jar')
    mkdirSync('test-results', { recursive: true })
    const log = openSync(`test-results/second-server-${++this.starts}.log`, 'w')
    // Small heap and C1 only: it starts faster and leaves room for the first server on 2 cores.
    this.process = spawn('java', ['-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-jar', jar], {
      env: {
        ...process.env,
        QUARKUS_HTTP_PORT: String(this.port),
        QUARKUS_HTTP_HOST: '127.0.0.1',
        CALLSIGHT_DATA_DIR: this.dataDir,
        CALLSIGHT_DEMO: 'off',
        CALLSIGHT_ADMIN_PASSWORD: this.adminPassword,
        ...this.env,
      },
      stdio: ['ignore', log, log],
    })
    const started = this.process
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (started.exitCode !== null) throw new Error(`The second server exited with ${started.exitCode}; see test-results/second-server-${this.starts}.log`)
      try {
        const response = await fetch(`${this.baseURL}/q/health/ready`)
        if (response.ok) return
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error(`The second server was not ready within ${timeoutMs / 1000} s`)
  }

  /** SIGTERM, as a service manager stops it; resolves when the process (and its PostgreSQL) is gone. */
  async stop(timeoutMs = 30_000): Promise<void> {
    const running = this.process
    this.process = null
    if (!running || running.exitCode !== null || running.signalCode !== null) return
    const exited = new Promise<void>((done) => running.once('exit', () => done()))
    running.kill('SIGTERM')
    const timer = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), timeoutMs))
    if ((await Promise.race([exited, timer])) === 'timeout') {
      running.kill('SIGKILL')
      await exited
      this.stopOrphanedPostgres()
    }
  }

  /** A killed JVM leaves its PostgreSQL (a separate process) running: stop it by its pid file. */
  private stopOrphanedPostgres() {
    const pidFile = join(this.dataDir, 'postgres', 'postmaster.pid')
    if (!existsSync(pidFile)) return
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
    try {
      if (pid > 0) process.kill(pid, 'SIGTERM')
    } catch {
      /* already gone */
    }
  }

  /** Stops it and removes its data. */
  async dispose(): Promise<void> {
    await this.stop()
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolvePort(port))
    })
  })
}
