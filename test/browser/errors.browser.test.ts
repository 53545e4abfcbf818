import { describe, expect, it } from 'vitest'

import { TwinHarness } from '../helpers/harness'

// The harness needs a district; this file only opens broken ones.
const twin = new TwinHarness({ district: [5, 1] })
const BROKEN_URL = '/fixtures/broken.geojson'

describe('a broken file in Romanian', () => {
  it('shows one translated line, on the error card and for a file the user opens', async () => {
    twin.server.files.set(BROKEN_URL, '{"type": "FeatureCollection", "features": [')
    const { page, errors } = await twin.open(`?lang=ro&data=${BROKEN_URL}`, { ready: false })
    const message = page.getByTestId('data-message')
    await expect
      .poll(() => message.textContent(), { timeout: 60_000 })
      .toBe('/fixtures/broken.geojson nu este JSON valid.')

    // The user opens a cut-off OSM file from the card's own button.
    const chooser = page.waitForEvent('filechooser')
    await page.getByRole('alert').getByRole('button', { name: 'Deschide fișier…' }).click()
    await (
      await chooser
    ).setFiles({
      name: 'cartier.osm',
      mimeType: 'application/xml',
      buffer: Buffer.from('<?xml version="1.0"?>\n<osm version="0.6">\n<node id="1"'),
    })
    await expect
      .poll(() => message.textContent(), { timeout: 60_000 })
      .toBe('cartier.osm este incomplet: XML-ul se oprește la linia 3.')
    // The message is kept as a code: switching language re-renders it.
    await page.getByTestId('language').selectOption('hu')
    await expect
      .poll(() => message.textContent())
      .toBe('cartier.osm csonka: az XML a(z) 3. sorban véget ér.')
    expect(errors.filter((e) => !e.includes('404'))).toEqual([])
    await page.context().close()
  })
})
