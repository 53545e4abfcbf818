import { jsPDF } from 'jspdf'
import fontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url'

/** What every page shares: the page size and margins (mm) and the pack's own lines. */
export interface PageFrame {
  W: number
  H: number
  M: number
  meta: PackMeta
}

/** One page of the pack; the builder adds the page, the header line and the footer. */
export type PackSection = (doc: jsPDF, frame: PageFrame) => void

export interface PackMeta {
  title: string
  subtitle: string
  attribution: string
  generated: string
  /** "Page 2 of 7" in the reader's language. */
  pageOf: (page: number, pages: number) => string
}

/** A saved view with the figures the app showed for it. */
export interface ViewPage {
  title: string
  /** JPEG data URL of the rendered view. */
  image: string
  imageAspect: number
  scenarioLines: string[]
  legendTitle: string
  legend: { label: string; colour: readonly number[] }[]
  kpiHeader: [string, string, string]
  kpis: [string, string, string][]
}

/** Text content of a title, methods or planner page. */
export type PackBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; small?: boolean }
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] }

const INK: [number, number, number] = [29, 42, 51]
const MUTED: [number, number, number] = [79, 93, 102]

let fontBase64: Promise<string> | null = null

/** DejaVu Sans covers ă, â, î, ș, ț, ő, ű and €, which the PDF standard fonts cannot show. */
function loadFont(): Promise<string> {
  fontBase64 ??= fetch(fontUrl)
    .then((r) => r.arrayBuffer())
    .then((buf) => {
      const bytes = new Uint8Array(buf)
      let binary = ''
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      }
      return btoa(binary)
    })
  return fontBase64
}

/**
 * Write `text` on one line within `maxW` mm, shrinking the type rather than wrapping: a
 * figure such as "109.459 MWh/an" must never break across lines.
 */
function fitText(doc: jsPDF, text: string, x: number, y: number, maxW: number, size: number) {
  let s = size
  doc.setFontSize(s)
  while (s > 5 && doc.getTextWidth(text) > maxW) {
    s -= 0.5
    doc.setFontSize(s)
  }
  doc.text(text, x, y)
  doc.setFontSize(size)
}

/** Paragraphs, headings and tables flowing down the page from `y`; returns where it ended. */
export function drawBlocks(doc: jsPDF, blocks: PackBlock[], x: number, y: number, w: number) {
  for (const b of blocks) {
    if (b.kind === 'heading') {
      y += 3
      doc.setFontSize(12)
      doc.setTextColor(...INK)
      doc.text(b.text, x, y)
      y += 6
    } else if (b.kind === 'text') {
      doc.setFontSize(b.small ? 8 : 9.5)
      doc.setTextColor(...(b.small ? MUTED : INK))
      const lines = doc.splitTextToSize(b.text, w) as string[]
      doc.text(lines, x, y)
      y += lines.length * (b.small ? 3.6 : 4.3) + 1.5
    } else {
      const cols = b.widths.reduce<number[]>((acc, cw, i) => [...acc, (acc[i] ?? x) + cw], [x])
      doc.setFontSize(8.5)
      doc.setTextColor(...MUTED)
      b.header.forEach((h, c) => fitText(doc, h, cols[c] ?? x, y, (b.widths[c] ?? 20) - 2, 8.5))
      doc.setTextColor(...INK)
      for (const row of b.rows) {
        y += 4.6
        // Only the first column (a label) wraps; a value keeps each of its lines ("\n") whole.
        const label = doc.splitTextToSize(row[0] ?? '', (b.widths[0] ?? 40) - 2) as string[]
        doc.text(label, x, y)
        let lines = label.length
        row.slice(1).forEach((cell, c) => {
          const parts = cell.split('\n')
          parts.forEach((part, j) => {
            const size = j === 0 ? 8.5 : 7.5
            fitText(doc, part, cols[c + 1] ?? x, y + j * 3.8, (b.widths[c + 1] ?? 20) - 2, size)
          })
          lines = Math.max(lines, parts.length)
        })
        y += (lines - 1) * 3.8
      }
      y += 5
    }
  }
  return y
}

/** The cover: what the pack is, for which district, which views it holds. */
export function titleSection(heading: string, blocks: PackBlock[]): PackSection {
  return (doc, { M, W, H, meta }) => {
    doc.setFontSize(26)
    doc.setTextColor(...INK)
    doc.text(meta.title, M, 50)
    doc.setFontSize(14)
    doc.setTextColor(...MUTED)
    doc.text(meta.subtitle, M, 60)
    doc.setFontSize(16)
    doc.setTextColor(...INK)
    doc.text(heading, M, 78)
    drawBlocks(doc, blocks, M, 90, W - 2 * M)
    doc.setFontSize(10)
    doc.setTextColor(...MUTED)
    doc.text(meta.generated, M, H - 20)
  }
}

/** A page of text under a title (methods and caveats; other pages such as the planner's). */
export function textSection(title: string, blocks: PackBlock[]): PackSection {
  return (doc, { M, W }) => {
    doc.setFontSize(16)
    doc.setTextColor(...INK)
    doc.text(title, M, M + 8)
    // Two columns keep a long methods text on one A4 landscape page.
    const colW = (W - 3 * M) / 2
    const split = Math.ceil(blocks.length / 2)
    let cut = split
    while (cut < blocks.length && blocks[cut]?.kind !== 'heading') cut++
    drawBlocks(doc, blocks.slice(0, cut), M, M + 18, colW)
    drawBlocks(doc, blocks.slice(cut), 2 * M + colW, M + 18, colW)
  }
}

/** One saved view: image, legend, scenario and the dashboard's figures for it. */
export function viewSection(p: ViewPage): PackSection {
  return (doc, { M, W }) => {
    doc.setFontSize(16)
    doc.setTextColor(...INK)
    fitText(doc, p.title, M, M + 6, W - 2 * M, 16)
    const imgW = 180
    const imgH = Math.min(140, imgW / p.imageAspect)
    doc.addImage(p.image, 'JPEG', M, M + 12, imgW, imgH)
    let y = M + 12 + imgH + 6
    doc.setFontSize(9)
    doc.text(p.legendTitle, M, y)
    let x = M
    y += 5
    for (const e of p.legend) {
      const w = 6 + doc.getTextWidth(e.label) + 4
      if (x + w > M + imgW) {
        x = M
        y += 5
      }
      doc.setFillColor(e.colour[0] ?? 0, e.colour[1] ?? 0, e.colour[2] ?? 0)
      doc.rect(x, y - 3, 4, 3, 'F')
      doc.text(e.label, x + 5, y)
      x += w
    }
    const rx = M + imgW + 8
    const rw = W - rx - M
    let ry = M + 16
    p.scenarioLines.forEach((line, i) => {
      doc.setFontSize(i === 0 ? 11 : 9)
      const wrapped = doc.splitTextToSize(line, rw) as string[]
      doc.text(wrapped, rx, ry)
      ry += (i === 0 ? 5 : 4.2) * wrapped.length + 1
    })
    drawBlocks(
      doc,
      [
        {
          kind: 'table',
          header: p.kpiHeader,
          rows: p.kpis,
          widths: [rw * 0.4, rw * 0.3, rw * 0.3],
        },
      ],
      rx,
      ry + 4,
      rw,
    )
  }
}

/** Build the PDF: one A4 landscape page per section, each with the pack's header and footer. */
export async function buildCouncilPack(sections: PackSection[], meta: PackMeta): Promise<Blob> {
  // Compressed streams: the embedded font and the page content shrink several times.
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4', compress: true })
  doc.addFileToVFS('DejaVuSans.ttf', await loadFont())
  doc.addFont('DejaVuSans.ttf', 'DejaVu', 'normal')
  doc.setFont('DejaVu', 'normal')
  doc.setProperties({ title: meta.title, subject: meta.subtitle, creator: 'Mănăștur Twin' })
  const frame: PageFrame = { W: 297, H: 210, M: 12, meta }
  sections.forEach((draw, i) => {
    if (i > 0) doc.addPage()
    draw(doc, frame)
    doc.setFontSize(8)
    doc.setTextColor(29, 63, 99)
    doc.text(`${meta.attribution} · ${meta.title}`, frame.M, frame.H - 6)
    const page = meta.pageOf(i + 1, sections.length)
    doc.text(page, frame.W - frame.M - doc.getTextWidth(page), frame.H - 6)
  })
  return doc.output('blob')
}
