import { describe, expect, it } from 'vitest'

import { csvCell } from './report'

describe('csvCell (OWASP CSV injection)', () => {
  it('prefixes and quotes text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvCell("+cmd|' /C calc'!A0")).toBe(`"'+cmd|' /C calc'!A0"`)
    expect(csvCell('@SUM(1)')).toBe(`"'@SUM(1)"`)
    expect(csvCell('-2+3')).toBe(`"'-2+3"`)
    expect(csvCell('\t=1')).toBe(`"'\t=1"`)
    expect(csvCell('\r=1')).toBe(`"'\r=1"`)
  })

  it('leaves numbers and ordinary text as they are', () => {
    expect(csvCell(-12.5)).toBe('-12.5')
    expect(csvCell(0)).toBe('0')
    expect(csvCell('way/1001')).toBe('way/1001')
    expect(csvCell('a, "b"')).toBe('"a, ""b"""')
    expect(csvCell('a=b')).toBe('a=b')
    expect(csvCell(null)).toBe('')
  })
})
