import { isArrowFile } from './columnarLayout'
import { datasetParts, type DatasetParts } from './packedDataset'
import { readColumnar } from './readColumnar'
import { parseDataset } from './readDataset'
import { StreamingJsonReader } from './streamingReader'

/**
 * Reads a dataset while its bytes arrive, whichever form it is in: a columnar file
 * (`district.arrow`, known by its magic) is gathered into one buffer and its footprints are
 * viewed where they lie; GeoJSON is parsed batch by batch (`StreamingJsonReader`) and packed.
 * Either way the result is the same `DatasetParts`.
 */
export class DatasetReader {
  private json: StreamingJsonReader | null = null
  private bytes: Uint8Array
  private size = 0

  /** `expectedBytes`: the length when known (one buffer, no regrowth), else 0. */
  constructor(expectedBytes = 0) {
    this.bytes = new Uint8Array(expectedBytes)
  }

  push(chunk: Uint8Array): void {
    if (this.json) {
      this.json.push(chunk)
      return
    }
    // Decide on the first bytes: whatever does not start like Arrow goes to the JSON reader.
    if (this.size === 0 && chunk.length >= 6 && !isArrowFile(chunk)) {
      this.json = new StreamingJsonReader()
      this.json.push(chunk)
      return
    }
    if (this.size + chunk.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.size + chunk.length, this.bytes.length * 2))
      grown.set(this.bytes.subarray(0, this.size))
      this.bytes = grown
    }
    this.bytes.set(chunk, this.size)
    this.size += chunk.length
  }

  /** The dataset; throws `DatasetError` with one line naming `source`. */
  finish(source: string): DatasetParts {
    const json = this.json
    if (json) return datasetParts(parseDataset(() => json.finish(), source))
    const bytes = this.bytes.subarray(0, this.size)
    if (isArrowFile(bytes)) return readColumnar(bytes, source)
    // A few bytes only: not Arrow, so JSON (whose own error names what is wrong).
    const text = new TextDecoder().decode(bytes)
    return datasetParts(parseDataset(() => JSON.parse(text) as unknown, source))
  }
}
