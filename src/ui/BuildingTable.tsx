import { useMemo, useRef, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

import type { BuildingProperties } from '@/domain/buildings/types'
import { ENERGY_CLASS_LABELS } from '@/domain/energy/classes'
import {
  buildingsOf,
  selectDataset,
  selectEnergy,
  selectLanguage,
  selectSelectedId,
} from '@/state/selectors'
import { useAppStore, type AppState } from '@/state/store'

import { formatNumber } from './i18n'
import { buildingTypeLabel } from './labels'
import { useCompact } from './useCompact'

/** A column of the accessible table: label key, value for sorting, and how to show it. */
export interface TableColumn {
  key: string
  labelKey: string
  value: (p: BuildingProperties, index: number) => number | string | null
  format?: (v: number | string, lng: string) => ReactNode
  numeric?: boolean
}

const m = (v: number | string, lng: string) => `${formatNumber(Number(v), lng)} m`
const m2 = (v: number | string, lng: string) => `${formatNumber(Number(v), lng, 0)} m²`

const BASE_COLUMNS: TableColumn[] = [
  { key: 'id', labelKey: 'inspector.id', value: (p) => p.id },
  { key: 'name', labelKey: 'inspector.name', value: (p) => p.name ?? p.address },
  { key: 'levels', labelKey: 'inspector.levels', value: (p) => p.levels, numeric: true },
  {
    key: 'height',
    labelKey: 'inspector.height',
    value: (p) => p.height_m,
    format: m,
    numeric: true,
  },
  { key: 'year', labelKey: 'inspector.year', value: (p) => p.year, numeric: true },
  {
    key: 'area',
    labelKey: 'inspector.heatedArea',
    value: (p) => p.heated_area_m2,
    format: m2,
    numeric: true,
  },
]

const classOf = (c: number | undefined) =>
  c === undefined ? null : (ENERGY_CLASS_LABELS[c] ?? null)
const finite = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? null : v)

/** The energy columns, from the worker's per-building results (dataset order). */
function energyColumns(e: NonNullable<AppState['energy']>, t: TFunction): TableColumn[] {
  return [
    {
      key: 'classBefore',
      labelKey: 'table.classBefore',
      value: (_p, i) => classOf(e.classBefore[i]),
    },
    { key: 'classAfter', labelKey: 'table.classAfter', value: (_p, i) => classOf(e.classAfter[i]) },
    {
      key: 'need',
      labelKey: 'table.need',
      value: (_p, i) => finite(e.needBefore[i]),
      format: (v, lng) => t('units.kwhM2Yr', { value: formatNumber(Number(v), lng, 0) }),
      numeric: true,
    },
    {
      key: 'saving',
      labelKey: 'table.saving',
      value: (_p, i) => finite(e.savingPct[i]),
      format: (v, lng) => `${formatNumber(Number(v), lng, 0)} %`,
      numeric: true,
    },
    {
      key: 'costPerFlat',
      labelKey: 'table.costPerFlat',
      value: (p, i) => {
        const cost = finite(e.costEur[i])
        return cost !== null && cost > 0 && p.flats ? cost / p.flats : null
      },
      format: (v, lng) => `${formatNumber(Number(v), lng, 0)} €`,
      numeric: true,
    },
  ]
}

const ROW_HEIGHT_PX = 36
/** On a phone each row is a card of label/value pairs, a few lines tall. */
const CARD_HEIGHT_PX = 118
const VISIBLE_ROWS = 14

/**
 * The buildings as a sortable table with the same figures as the scene; choosing a row selects
 * the building. Rows are windowed so 100,000 buildings stay responsive.
 */
export function BuildingTable({ extraColumns = [] }: { extraColumns?: TableColumn[] }) {
  const { t } = useTranslation()
  const compact = useCompact()
  const energy = useAppStore(selectEnergy)
  const rowHeight = compact ? CARD_HEIGHT_PX : ROW_HEIGHT_PX
  const dataset = useAppStore(selectDataset)
  const selectedId = useAppStore(selectSelectedId)
  const lng = useAppStore(selectLanguage)
  const selectBuilding = useAppStore((s) => s.selectBuilding)
  const [sort, setSort] = useState<{ key: string; descending: boolean }>({
    key: 'id',
    descending: false,
  })
  const [scrollTop, setScrollTop] = useState(0)
  const scroller = useRef<HTMLDivElement>(null)
  const columns = useMemo(
    () => [
      ...BASE_COLUMNS.slice(0, 2),
      {
        key: 'type',
        labelKey: 'inspector.type',
        value: (p: BuildingProperties) => buildingTypeLabel(p.type, t),
      },
      ...(energy ? energyColumns(energy, t) : []),
      ...BASE_COLUMNS.slice(2),
      ...extraColumns,
    ],
    [extraColumns, energy, t],
  )

  const rows = useMemo(() => {
    if (!dataset) return []
    const props = buildingsOf(dataset).map((f) => f.properties)
    const column = columns.find((c) => c.key === sort.key) ?? columns[0]
    const order = props.map((_, i) => i)
    if (column) {
      const values = props.map((p, i) => column.value(p, i))
      order.sort((a, b) => {
        const va = values[a] ?? null
        const vb = values[b] ?? null
        if (va === vb) return a - b
        if (va === null) return 1
        if (vb === null) return -1
        const cmp = va < vb ? -1 : 1
        return sort.descending ? -cmp : cmp
      })
    }
    return order.map((i) => ({ index: i, p: props[i] as BuildingProperties }))
  }, [dataset, columns, sort])

  if (!dataset) return null
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - 4)
  const visibleRows = rows.slice(first, first + VISIBLE_ROWS + 8)

  return (
    <section
      className={compact ? 'panel table-view cards' : 'panel table-view'}
      aria-label={t('table.title')}
      data-testid="table-view"
    >
      <h2>
        {t('table.title')} <small>({t('data.buildings', { count: rows.length })})</small>
      </h2>
      <div
        ref={scroller}
        className="table-scroll"
        style={{ maxHeight: compact ? '34vh' : ROW_HEIGHT_PX * (VISIBLE_ROWS + 1) }}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        tabIndex={0}
        aria-label={t('table.scroll')}
      >
        <table aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {columns.map((c) => {
                const active = sort.key === c.key
                return (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    className={c.numeric ? 'numeric' : undefined}
                  >
                    <button
                      type="button"
                      onClick={() =>
                        setSort({ key: c.key, descending: active ? !sort.descending : false })
                      }
                    >
                      {t(c.labelKey)}
                      <span aria-hidden="true">
                        {active ? (sort.descending ? ' ▼' : ' ▲') : ''}
                      </span>
                    </button>
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {first > 0 && (
              <tr aria-hidden="true" style={{ height: first * rowHeight }}>
                <td colSpan={columns.length} />
              </tr>
            )}
            {visibleRows.map(({ index, p }, i) => (
              <tr
                key={p.id}
                aria-rowindex={first + i + 2}
                aria-selected={p.id === selectedId}
                className={p.id === selectedId ? 'selected' : undefined}
                style={{ height: rowHeight }}
              >
                {columns.map((c, ci) => {
                  const v = c.value(p, index)
                  const text = v === null ? '—' : c.format ? c.format(v, lng) : String(v)
                  return ci === 0 ? (
                    <th key={c.key} scope="row" data-label={t(c.labelKey)}>
                      <button
                        type="button"
                        className="link"
                        onClick={() => selectBuilding(p.id)}
                        data-testid="table-select"
                      >
                        {text}
                      </button>
                    </th>
                  ) : (
                    <td
                      key={c.key}
                      className={c.numeric ? 'numeric' : undefined}
                      data-label={t(c.labelKey)}
                    >
                      {text}
                    </td>
                  )
                })}
              </tr>
            ))}
            {first + visibleRows.length < rows.length && (
              <tr
                aria-hidden="true"
                style={{ height: (rows.length - first - visibleRows.length) * rowHeight }}
              >
                <td colSpan={columns.length} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </section>
  )
}
