import { readFile } from 'node:fs/promises'

import { extractText, getDocumentProxy } from 'unpdf'

/** A PDF's page count and text, read with pdf.js (unpdf's Node build): no system tool needed. */
export interface PdfContents {
  pages: number
  /** The text of each page, text items joined by spaces. */
  pageTexts: string[]
  /** Every page's text, one page a paragraph. */
  text: string
}

export async function readPdf(path: string): Promise<PdfContents> {
  const pdf = await getDocumentProxy(new Uint8Array(await readFile(path)))
  const { totalPages, text } = await extractText(pdf, { mergePages: false })
  return { pages: totalPages, pageTexts: text, text: text.join('\n\n') }
}
