import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { writeFileAtomic } from './atomicWrite'

const ATOMIC = fileURLToPath(new URL('./atomicWrite.ts', import.meta.url))
const temps = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'))

describe('writeFileAtomic', () => {
  it('removes the temp files a killed run left, and only those', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    // A process that has ended: its pid is free.
    const gone = spawnSync(process.execPath, ['-e', '']).pid
    writeFileSync(join(dir, `.out.json.${gone}.0badc0de.tmp`), 'partial')
    writeFileSync(join(dir, `.out.json.1.0badc0de.tmp`), 'pid 1 is alive') // still running
    writeFileAtomic(join(dir, 'out.json'), '{}')
    expect(temps(dir)).toEqual(['.out.json.1.0badc0de.tmp'])
    rmSync(dir, { recursive: true })
  })

  it('on Ctrl-C during a write leaves the old or the whole new file and no temp file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'))
    const out = join(dir, 'big.bin')
    const size = 200 * 1024 * 1024
    const child = join(dir, 'child.ts')
    writeFileSync(
      child,
      `import { writeFileAtomic } from ${JSON.stringify(ATOMIC)}\n` +
        `writeFileAtomic(${JSON.stringify(out)}, new Uint8Array(${size}))\n` +
        // Still running when the signal is handled, as the CLI is after its write.
        `setTimeout(() => {}, 10_000)\n`,
    )
    const proc = spawn(process.execPath, ['--import', 'tsx', child], { stdio: 'ignore' })
    const exited = new Promise<number | null>((ok) => proc.on('exit', (code) => ok(code)))
    // Interrupt as soon as the temp file exists: in the middle of writing it.
    while (temps(dir).length === 0) await new Promise((ok) => setTimeout(ok, 2))
    proc.kill('SIGINT')
    expect(await exited).toBe(130)
    expect(temps(dir)).toEqual([])
    if (existsSync(out)) expect(statSync(out).size).toBe(size)
    rmSync(dir, { recursive: true })
  })
})
