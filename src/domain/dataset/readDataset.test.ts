import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { datasetOrigin } from './origin'
import { DatasetError, readDataset } from './readDataset'

const valid = readFileSync('test/fixtures/energy/district.geojson', 'utf8')

describe('readDataset', () => {
  it('accepts a dataset written by the importer', () => {
    expect(readDataset(valid, 'd.geojson').features).toHaveLength(7)
  })

  it.each([
    ['', 'is empty'],
    ['{"type":"FeatureCollection"', 'not valid JSON'],
    ['{"type":"FeatureCollection","features":[]}', 'not a Mănăștur Twin dataset'],
    ['[1,2,3]', 'not a Mănăștur Twin dataset'],
  ])('rejects %j with one line naming the file', (text, why) => {
    let error: unknown
    try {
      readDataset(text, 'broken.geojson')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DatasetError)
    const message = (error as Error).message
    expect(message).toContain('broken.geojson')
    expect(message).toContain(why)
    expect(message).not.toContain('\n')
  })

  it('puts the origin at the bbox centre', () => {
    expect(datasetOrigin({ bbox: [23, 46, 24, 47] })).toEqual([23.5, 46.5])
  })
})
