import { describe, expect, it } from 'vitest'

import { en } from './locales/en'
import { hu } from './locales/hu'
import { ro } from './locales/ro'

/** Flatten nested message objects into dotted keys, ignoring plural suffixes. */
function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null
      ? keys(v as object, `${prefix}${k}.`)
      : [`${prefix}${k.replace(/_(one|few|many|other)$/, '')}`],
  )
}

describe('translations', () => {
  const reference = new Set(keys(en))
  it.each([
    ['ro', ro],
    ['hu', hu],
  ])('%s has every English key and no extra ones', (_lng, messages) => {
    const own = new Set(keys(messages))
    expect([...reference].filter((k) => !own.has(k))).toEqual([])
    expect([...own].filter((k) => !reference.has(k))).toEqual([])
  })
})
