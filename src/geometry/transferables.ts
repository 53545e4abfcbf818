/**
 * Every distinct `ArrayBuffer` behind the typed arrays in `value` (searched through plain
 * objects and arrays), for `postMessage`'s transfer list so geometry moves instead of being
 * copied. Shared buffers are skipped (they cannot be transferred); each buffer is listed once,
 * since listing one twice makes `postMessage` throw.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>()
  const seen = new Set<object>()
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object' || seen.has(v)) return
    seen.add(v)
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer)
      return
    }
    if (v instanceof ArrayBuffer) {
      out.add(v)
      return
    }
    if (Array.isArray(v)) {
      for (const item of v) visit(item)
      return
    }
    for (const key of Object.keys(v)) visit((v as Record<string, unknown>)[key])
  }
  visit(value)
  return [...out]
}
