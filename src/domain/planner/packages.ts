/**
 * The planner's candidate packages: single measures and the combinations an apartment-block
 * retrofit programme offers, all built from the scenario engine's own `MEASURE_IDS`. A package
 * id is its measures joined by `+` in `MEASURE_IDS` order, e.g. `envelope+heat_pump+pv`.
 */
import { ENVELOPE_PARTS, MEASURE_IDS } from '../energy/scenario'
import type { MeasureId } from '../energy/scenario'

/** One candidate package. */
export interface Package {
  readonly id: string
  readonly measures: readonly MeasureId[]
}

const pkg = (...measures: MeasureId[]): Package => {
  const sorted = MEASURE_IDS.filter((m) => measures.includes(m))
  return { id: sorted.join('+'), measures: sorted }
}

/**
 * The catalogue, cheapest-first in spirit. `dh_upgrade` applies only to district-heated blocks
 * and `heat_pump` to the others as well, so every block has at least the envelope ones.
 */
export const PACKAGES: readonly Package[] = [
  pkg('roof'),
  pkg('windows'),
  pkg('wall'),
  pkg('roof', 'windows'),
  pkg('envelope'),
  pkg('heat_pump'),
  pkg('dh_upgrade'),
  pkg('pv'),
  pkg('envelope', 'heat_pump'),
  pkg('envelope', 'dh_upgrade'),
  pkg('envelope', 'pv'),
  pkg('envelope', 'heat_pump', 'pv'),
  pkg('envelope', 'dh_upgrade', 'pv'),
  pkg('envelope', 'mvhr', 'heat_pump', 'pv'),
]

/** True when every measure of `p` is allowed (`envelope` also when its four parts are). */
export function packageAllowed(p: Package, allowed: readonly MeasureId[]): boolean {
  return p.measures.every(
    (m) =>
      allowed.includes(m) ||
      (m === 'envelope' && ENVELOPE_PARTS.every((part) => allowed.includes(part))),
  )
}

/**
 * The measures whose cost and lifetime make up package `p`, envelope expanded (for the
 * lifetime of a package: each part keeps its own).
 */
export function packageParts(p: Package): Exclude<MeasureId, 'envelope'>[] {
  const out: Exclude<MeasureId, 'envelope'>[] = []
  for (const m of p.measures) {
    if (m === 'envelope') out.push(...ENVELOPE_PARTS)
    else out.push(m)
  }
  return out
}
