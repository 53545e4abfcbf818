import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve } from 'node:path'

import { securityHeaders } from '../../scripts/lib/securityHeaders'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
}

export interface StaticServer {
  url: string
  /** Serve extra in-memory files (e.g. fixture datasets) at absolute paths. */
  files: Map<string, string | Uint8Array>
  /** Paths answered by hand (a server that stalls or never answers). */
  routes: Map<string, (res: ServerResponse) => void>
  /** Every path asked for, in order (to see which of two files a page chose). */
  requested: string[]
  close(): Promise<void>
}

/**
 * A real HTTP server on 127.0.0.1 serving a built `dist/` like any static host would,
 * plus in-memory fixture files.
 */
export async function serveStatic(rootDir: string): Promise<StaticServer> {
  const root = resolve(rootDir)
  const files = new Map<string, string | Uint8Array>()
  const routes = new Map<string, (res: ServerResponse) => void>()
  const answering = new Set<ServerResponse>()
  const requested: string[] = []
  // Every response carries the headers README "Deploying" tells a static host to send.
  const headers = securityHeaders()
  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value)
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
      requested.push(path)
      const route = routes.get(path)
      if (route) {
        answering.add(res)
        res.on('close', () => answering.delete(res))
        route(res)
        return
      }
      const extra = files.get(path)
      if (extra !== undefined) {
        // Bytes with a length, as a static host sends a file (not a chunked string).
        const body = typeof extra === 'string' ? Buffer.from(extra) : extra
        res.writeHead(200, {
          'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
          'content-length': body.byteLength,
        })
        res.end(body)
        return
      }
      const file = normalize(join(root, path === '/' ? 'index.html' : path))
      if (!file.startsWith(root)) {
        res.writeHead(403).end()
        return
      }
      try {
        const s = await stat(file)
        if (!s.isFile()) throw new Error('not a file')
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-length': s.size,
        })
        createReadStream(file).pipe(res)
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      }
    })()
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    routes,
    requested,
    close: () => {
      for (const res of answering) res.destroy() // a route left hanging must not hold close()
      return new Promise((ok) => server.close(() => ok()))
    },
  }
}
