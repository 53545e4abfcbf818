/**
 * What a package costs as Romanian programmes pay it, and who pays it. The measures' unit rates
 * ([S39], works only) are the direct cost; ancillary works, site set-up and scaffolding, design
 * and technical supervision and VAT are separate lines with their own sourced, editable
 * parameters (`costs.*` in `parameters.json`, energy-evidence §10). Funding follows the national
 * block-rehabilitation programme's shares (OUG 18/2009 art. 15 [S12]) after an optional
 * recovery-plan grant ([S21]).
 */
import type { EnergyParameters } from './parameters'

/** The cost lines of one package on one building, EUR. */
export interface CostLines {
  /** The measures' own works (unit rate × area, or per kW / kWp). */
  readonly direct_eur: number
  /** Roof waterproofing with the roof measure; balconies and common parts with the wall measure. */
  readonly ancillary_eur: number
  readonly site_setup_scaffolding_eur: number
  readonly design_supervision_eur: number
  /** direct + ancillary + site set-up + design, excl. VAT. */
  readonly net_eur: number
  readonly vat_eur: number
  /** Everything incl. VAT: the figure every "cost" in the app means. */
  readonly total_eur: number
}

/** What the package touches that the ancillary lines scale with. */
export interface PackageScope {
  readonly flats: number
  readonly roofM2: number
  readonly wall: boolean
  readonly roof: boolean
}

/** Cost lines of a package whose measures cost `directEur` in works. */
export function costLines(
  directEur: number,
  scope: PackageScope,
  c: EnergyParameters['costs'],
): CostLines {
  if (!(directEur > 0)) {
    return {
      direct_eur: 0,
      ancillary_eur: 0,
      site_setup_scaffolding_eur: 0,
      design_supervision_eur: 0,
      net_eur: 0,
      vat_eur: 0,
      total_eur: 0,
    }
  }
  const ancillary =
    (scope.roof ? scope.roofM2 * c.ancillary_roof_waterproofing_eur_per_m2.value : 0) +
    (scope.wall
      ? scope.flats *
        (c.ancillary_balconies_eur_per_flat.value + c.ancillary_common_parts_eur_per_flat.value)
      : 0)
  const works = directEur + ancillary
  const site = works * c.site_setup_scaffolding_share.value
  const design = (works + site) * c.design_supervision_share.value
  const net = works + site + design
  const vat = net * c.vat_rate.value
  return {
    direct_eur: directEur,
    ancillary_eur: ancillary,
    site_setup_scaffolding_eur: site,
    design_supervision_eur: design,
    net_eur: net,
    vat_eur: vat,
    total_eur: net + vat,
  }
}

/** Who pays a package, EUR; the four parts sum to the total incl. VAT. */
export interface FundingSplit {
  readonly recovery_grant_eur: number
  readonly state_eur: number
  readonly local_eur: number
  readonly owners_eur: number
}

/**
 * Split `lines.total_eur`: a recovery-plan grant of `recovery_grant_share` × the net cost, capped
 * at the cap × built area ([S21]); the rest by the state / local / owners' shares, normalised so
 * that edited shares that do not add up to 1 still split the whole cost.
 */
export function fundingSplit(
  lines: CostLines,
  builtAreaM2: number,
  f: EnergyParameters['funding'],
): FundingSplit {
  const grant = Math.min(
    lines.net_eur * f.recovery_grant_share.value,
    builtAreaM2 * f.recovery_grant_cap_eur_per_m2_built.value,
    lines.total_eur,
  )
  const rest = lines.total_eur - grant
  const sum = f.state_share.value + f.local_share.value + f.owners_share.value
  const share = (x: number) => (sum > 0 ? x / sum : 1 / 3)
  return {
    recovery_grant_eur: grant,
    state_eur: rest * share(f.state_share.value),
    local_eur: rest * share(f.local_share.value),
    owners_eur: rest * share(f.owners_share.value),
  }
}
