import { jsPDF } from 'jspdf'
import fontUrl from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf?url'

/** One page of the council pack: a saved view with the figures the app showed for it. */
export interface PackPage {
  title: string
  /** PNG data URL of the rendered view. */
  image: string
  imageAspect: number
  scenarioLines: string[]
  legendTitle: string
  legend: { label: string; colour: readonly number[] }[]
  kpiHeader: [string, string, string]
  kpis: [string, string, string][]
}

export interface PackMeta {
  title: string
  subtitle: string
  attribution: string
  generated: string
}

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

/** Build the PDF: one A4 landscape page per saved view, each with image, legend, scenario, KPIs. */
export async function buildCouncilPack(pages: PackPage[], meta: PackMeta): Promise<Blob> {
  const doc = new jsPDF({ orientation: 'landscape', unit: 'mm', format: 'a4' })
  doc.addFileToVFS('DejaVuSans.ttf', await loadFont())
  doc.addFont('DejaVuSans.ttf', 'DejaVu', 'normal')
  doc.setFont('DejaVu', 'normal')
  doc.setProperties({ title: meta.title, subject: meta.subtitle, creator: 'Mănăștur Twin' })
  const W = 297
  const H = 210
  const M = 12
  pages.forEach((p, i) => {
    if (i > 0) doc.addPage()
    doc.setFontSize(16)
    doc.setTextColor(29, 42, 51)
    doc.text(p.title, M, M + 4)
    doc.setFontSize(9)
    doc.setTextColor(79, 93, 102)
    doc.text(`${meta.title} · ${meta.subtitle} · ${i + 1} / ${pages.length}`, M, M + 10)
    // The view, left two thirds.
    const imgW = 180
    const imgH = Math.min(150, imgW / p.imageAspect)
    doc.addImage(p.image, 'PNG', M, M + 14, imgW, imgH)
    // Legend under the image.
    let y = M + 14 + imgH + 6
    doc.setFontSize(9)
    doc.setTextColor(29, 42, 51)
    doc.text(p.legendTitle, M, y)
    let x = M
    y += 5
    for (const e of p.legend) {
      doc.setFillColor(e.colour[0] ?? 0, e.colour[1] ?? 0, e.colour[2] ?? 0)
      doc.rect(x, y - 3, 4, 3, 'F')
      doc.text(e.label, x + 5, y)
      x += 6 + doc.getTextWidth(e.label) + 4
      if (x > M + imgW - 20) {
        x = M
        y += 5
      }
    }
    // Scenario and KPIs on the right.
    const rx = M + imgW + 8
    let ry = M + 18
    doc.setFontSize(11)
    for (const line of p.scenarioLines) {
      const wrapped = doc.splitTextToSize(line, W - rx - M) as string[]
      doc.text(wrapped, rx, ry)
      ry += 5 * wrapped.length
      doc.setFontSize(9)
    }
    ry += 4
    doc.setFontSize(9)
    const cols = [rx, rx + 40, rx + 68]
    doc.setTextColor(79, 93, 102)
    p.kpiHeader.forEach((h, c) => doc.text(h, cols[c] ?? rx, ry))
    doc.setTextColor(29, 42, 51)
    for (const row of p.kpis) {
      ry += 6
      row.forEach((cell, c) => {
        const wrapped = doc.splitTextToSize(cell, c === 0 ? 38 : 27) as string[]
        doc.text(wrapped, cols[c] ?? rx, ry)
      })
      ry += 2
    }
    doc.setFontSize(8)
    doc.setTextColor(29, 63, 99)
    doc.text(`${meta.attribution} · ${meta.generated}`, M, H - 6)
  })
  return doc.output('blob')
}
