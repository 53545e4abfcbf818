/**
 * The current 3D view as a PNG with its legend, scenario name and the OSM attribution drawn
 * in, so a picture that leaves the app still says what it shows and where the data is from.
 */
export async function exportViewPng(opts: {
  title: string
  legendTitle: string
  legend: { label: string; colour: readonly number[] }[]
  attribution: string
}): Promise<Blob | null> {
  const source = document.querySelector<HTMLCanvasElement>('.view-3d canvas')
  if (!source) return null
  const out = document.createElement('canvas')
  out.width = source.width
  out.height = source.height
  const ctx = out.getContext('2d')
  if (!ctx) return null
  const scale = source.width / Math.max(1, source.clientWidth)
  ctx.drawImage(source, 0, 0)
  ctx.scale(scale, scale)
  const pad = 12
  const line = 20
  const boxH = pad * 2 + line * (opts.legend.length + 2)
  ctx.fillStyle = 'rgba(255,255,255,0.92)'
  ctx.fillRect(pad, pad, 300, boxH)
  ctx.fillStyle = '#1d2a33'
  ctx.font = 'bold 15px sans-serif'
  ctx.fillText(opts.title, pad * 2, pad + line)
  ctx.font = '13px sans-serif'
  ctx.fillText(opts.legendTitle, pad * 2, pad + line * 2)
  opts.legend.forEach((e, i) => {
    const y = pad + line * (i + 3)
    ctx.fillStyle = `rgb(${e.colour[0] ?? 0},${e.colour[1] ?? 0},${e.colour[2] ?? 0})`
    ctx.fillRect(pad * 2, y - 11, 18, 13)
    ctx.fillStyle = '#1d2a33'
    ctx.fillText(e.label, pad * 2 + 26, y)
  })
  const h = source.clientHeight
  ctx.fillStyle = 'rgba(255,255,255,0.9)'
  ctx.fillRect(0, h - 24, 420, 24)
  ctx.fillStyle = '#1d3f63'
  ctx.fillText(opts.attribution, 8, h - 8)
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'))
}
