import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One scripted answer of the fake Overpass server. */
export interface FakeResponse {
  /** HTTP status. @default 200 */
  status?: number
  /** Response body. @default '' */
  body?: string
  headers?: Record<string, string>
  /** Wait this long (ms) before answering. */
  delayMs?: number
  /** Never answer (the client must time out); the socket is closed when the server closes. */
  hang?: boolean
  /** Send the headers and the first half of the body, then stall forever. */
  stallMidBody?: boolean
}

/** A request the fake server received. */
export interface ReceivedRequest {
  method: string
  path: string
  contentType: string
  /** The decoded `data` form field (POST body) or query parameter (GET): the Overpass QL. */
  data: string | null
}

export interface FakeOverpass {
  /** `http://127.0.0.1:PORT/api/interpreter` */
  url: string
  /** Requests in arrival order. */
  requests: ReceivedRequest[]
  /** Replace the script: answers in order; the last one repeats once the list runs out. */
  script(responses: FakeResponse[]): void
  close(): Promise<void>
}

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) that answers like the Overpass API:
 * `POST /api/interpreter` with a form body `data=<Overpass QL>`. Each request gets the next
 * scripted response; every request is recorded with its decoded query.
 */
export async function startFakeOverpass(initial: FakeResponse[] = []): Promise<FakeOverpass> {
  let responses = initial
  let next = 0
  const requests: ReceivedRequest[] = []

  const answer = (res: ServerResponse, r: FakeResponse): void => {
    if (r.hang === true) return
    const body = r.body ?? ''
    res.writeHead(r.status ?? 200, {
      'content-type': body.trimStart().startsWith('<')
        ? 'text/html; charset=utf-8'
        : 'application/json',
      ...r.headers,
    })
    if (r.stallMidBody === true) {
      res.write(body.slice(0, Math.floor(body.length / 2)))
      return
    }
    res.end(body)
  }

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const u = new URL(req.url ?? '/', 'http://127.0.0.1')
      const data =
        req.method === 'POST' ? new URLSearchParams(raw).get('data') : u.searchParams.get('data')
      requests.push({
        method: req.method ?? '',
        path: u.pathname,
        contentType: req.headers['content-type'] ?? '',
        data,
      })
      const r = responses[Math.min(next, responses.length - 1)] ?? { status: 200, body: '' }
      next++
      if (r.delayMs !== undefined && r.delayMs > 0) {
        setTimeout(() => answer(res, r), r.delayMs)
      } else answer(res, r)
    })
  }

  const server: Server = createServer(handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/api/interpreter`,
    requests,
    script(list) {
      responses = list
      next = 0
      requests.length = 0
    },
    close() {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
