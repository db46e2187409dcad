import { DataTable, type Column } from '@/components/ui/data-table'
import type { BestTimeQuery } from '@/gql/graphql'
import { formatDecimal, formatInteger, formatPercent } from '@/lib/format'

type Validation = NonNullable<BestTimeQuery['contactModel']>['validation'][number]

const OUTCOMES: Record<string, string> = { CONNECT: 'Connect per dial', CONVERSION: 'Conversion per dial' }
const outcomeName = (o: string) => OUTCOMES[o] ?? o

interface CalibrationRow {
  bin: number
  cells: Record<string, { predicted: number; observed: number; dials: number }>
}

/** The decile tables of every outcome side by side: one row per decile, predicted / observed per outcome. */
function calibrationRows(validation: Validation[]): CalibrationRow[] {
  const rows = new Map<number, CalibrationRow>()
  for (const v of validation) {
    for (const b of v.calibration) {
      const row = rows.get(b.bin) ?? { bin: b.bin, cells: {} }
      row.cells[v.outcome] = { predicted: b.predicted, observed: b.observed, dials: Number(b.dials) }
      rows.set(b.bin, row)
    }
  }
  return [...rows.values()].sort((a, b) => a.bin - b.bin)
}

const summaryColumns: Column<Validation>[] = [
  { key: 'outcome', header: 'Outcome', value: (v) => outcomeName(v.outcome) },
  { key: 'weeks', header: 'Test weeks', value: (v) => v.testWeeks, align: 'right' },
  { key: 'dials', header: 'Test dials', value: (v) => Number(v.testDials), render: (v) => formatInteger(Number(v.testDials)), align: 'right' },
  { key: 'brier', header: 'Brier score', value: (v) => v.brier, render: (v) => v.brier.toFixed(4), align: 'right', description: 'Mean squared error of the predicted probability on the later weeks; lower is better' },
  { key: 'base', header: 'Brier of the base rate', value: (v) => v.baselineBrier, render: (v) => v.baselineBrier.toFixed(4), align: 'right', description: "The same score for predicting every dial at the training weeks' overall rate" },
  { key: 'skill', header: 'Skill', value: (v) => v.skill, render: (v) => (v.skill === null || v.skill === undefined ? '–' : v.skill.toFixed(3)), align: 'right', description: '1 - Brier / Brier of the base rate: above 0, the model beats the base rate' },
  ...[0.1, 0.2, 0.5].map(
    (share): Column<Validation> => ({
      key: `lift${share}`,
      header: `Lift, top ${Math.round(share * 100)}%`,
      value: (v) => v.lift.find((l) => Math.abs(l.share - share) < 1e-9)?.lift,
      render: (v) => {
        const l = v.lift.find((x) => Math.abs(x.share - share) < 1e-9)
        return l?.lift === null || l?.lift === undefined ? '–' : `${formatDecimal(l.lift, 2)}×`
      },
      align: 'right',
      description: `Events per dial of the ${Math.round(share * 100)}% of the test week's dials the model ranks best, over the first ${Math.round(share * 100)}% in calling order`,
    }),
  ),
]

/**
 * How good the contact model is out of sample (the refit validates it on later weeks predicted from earlier ones):
 * Brier score against the base rate, lift over calling order, and the calibration by decile of the prediction.
 */
export function ModelCheck({ validation }: { validation: Validation[] }) {
  if (validation.length === 0) {
    return (
      <section className="panel" aria-labelledby="model-check-title">
        <h2 id="model-check-title">How good is the model</h2>
        <p className="muted">Not validated: the history holds no week before a test week yet.</p>
      </section>
    )
  }
  const outcomes = validation.map((v) => v.outcome)
  const calibrationColumns: Column<CalibrationRow>[] = [
    { key: 'bin', header: 'Decile of the prediction', value: (r) => r.bin, align: 'right' },
    ...outcomes.flatMap((o): Column<CalibrationRow>[] => [
      { key: `${o}-p`, header: `${outcomeName(o)}: predicted`, value: (r) => r.cells[o]?.predicted, render: (r) => formatPercent(r.cells[o]?.predicted), align: 'right' },
      { key: `${o}-o`, header: `${outcomeName(o)}: observed`, value: (r) => r.cells[o]?.observed, render: (r) => formatPercent(r.cells[o]?.observed), align: 'right' },
    ]),
  ]
  return (
    <section className="panel" aria-labelledby="model-check-title">
      <h2 id="model-check-title">How good is the model</h2>
      <p className="muted">
        Out of sample: each of the last {Math.max(...validation.map((v) => v.testWeeks))} weeks predicted by the model fitted on the weeks before it. Lift compares the dials the model ranks best with the same share taken in calling order; a calibrated model's predicted and observed rates agree in every decile.
      </p>
      <DataTable caption="Out-of-sample validation" columns={summaryColumns} rows={validation} rowKey={(v) => v.outcome} />
      <DataTable caption="Calibration by decile" columns={calibrationColumns} rows={calibrationRows(validation)} rowKey={(r) => String(r.bin)} />
    </section>
  )
}
