import { randomBytes } from 'node:crypto'
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/** Temporary files being written now: removed if the process is told to stop. */
const live = new Set<string>()
let handling = false

/**
 * Ctrl-C or SIGTERM during a write: Node runs this only once the (synchronous) write has
 * finished or failed, so the output is the old or the new file; any temp file left is removed
 * and the process ends as a signal would end it.
 */
function removeTempFilesOnSignal(): void {
  if (handling) return
  handling = true
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      for (const tmp of live) rmSync(tmp, { force: true })
      process.exit(code)
    })
  }
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Remove temp files an earlier, killed run left beside `path` (their process is gone). */
function removeStaleTempFiles(dir: string, name: string): void {
  let entries: string[]
  try {
    entries = readdirSync(dir)
  } catch {
    return
  }
  for (const entry of entries) {
    if (!entry.startsWith(`.${name}.`) || !entry.endsWith('.tmp')) continue
    const pid = Number(/\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(entry)?.[1])
    if (pid > 0 && pid !== process.pid && !isAlive(pid)) rmSync(join(dir, entry), { force: true })
  }
}

/**
 * Write `data` to `path` atomically: write a temporary file in the same directory, fsync it,
 * rename it over `path`, then fsync the directory (best effort; not every platform allows it).
 * Readers see either the old file or the complete new one, never a partial write; on any
 * failure the temporary file is removed and `path` is untouched; so it is on SIGINT/SIGTERM,
 * and temp files of an earlier run that was killed are removed first.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path)
  removeTempFilesOnSignal()
  removeStaleTempFiles(dir, basename(path))
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  live.add(tmp)
  let fd: number | null = null
  try {
    fd = openSync(tmp, 'wx', 0o644)
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data
    let off = 0
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off)
    fsyncSync(fd)
    closeSync(fd)
    fd = null
    renameSync(tmp, path)
  } catch (e) {
    if (fd !== null) closeSync(fd)
    rmSync(tmp, { force: true })
    throw e
  } finally {
    live.delete(tmp)
  }
  try {
    const dfd = openSync(dir, 'r')
    try {
      fsyncSync(dfd)
    } finally {
      closeSync(dfd)
    }
  } catch {
    // Directory fsync is not supported everywhere (e.g. Windows); the rename already happened.
  }
}
