import { useMemo, useState } from 'react'
import { DataTable, type Column } from '@/components/ui/data-table'
import { Dialog, DialogActions } from '@/components/ui/dialog'
import { QueryStatus } from '@/components/ui/states'
import type { ComplianceRuleInput, ComplianceRulesQuery } from '@/gql/graphql'
import { useSession } from '@/lib/auth'
import { useComplianceRules } from '../api/compliance-rules'
import { setComplianceRule } from '../api/set-compliance-rule'

type Rule = ComplianceRulesQuery['complianceRules'][number]

const DAYS = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

function limits(r: Rule): string {
  switch (r.kind) {
    case 'CALLING_HOURS':
      return `${r.startTime}–${r.endTime}${r.weekdays.length ? ` (${r.weekdays.map((d) => DAYS[d]).join(', ')})` : ''}`
    case 'ATTEMPT_LIMIT':
      return `at most ${r.maxAttempts} dials in ${r.windowHours} h`
    case 'OPTED_OUT':
      return `after status ${r.statuses.join(', ')}`
    case 'NO_CALL_DAYS':
      return `no calls on ${[...r.weekdays.map((d) => DAYS[d]), ...(r.holidays ? ['legal holidays'] : [])].join(', ')}`
    default:
      return 'numbers on the internal list'
  }
}

/** Edits one rule's limits, source and whether it is on (ADMIN; audited; the stored calls are checked again). */
function RuleDialog({ rule, onClose, onSaved }: { rule: Rule; onClose: () => void; onSaved: () => void }) {
  const [startTime, setStartTime] = useState(rule.startTime ?? '')
  const [endTime, setEndTime] = useState(rule.endTime ?? '')
  const [maxAttempts, setMaxAttempts] = useState(String(rule.maxAttempts ?? ''))
  const [windowHours, setWindowHours] = useState(String(rule.windowHours ?? ''))
  const [source, setSource] = useState(rule.source)
  const [enabled, setEnabled] = useState(rule.enabled)
  const [error, setError] = useState<string | null>(null)
  const [running, setRunning] = useState(false)

  async function submit(event: React.FormEvent) {
    event.preventDefault()
    const input: ComplianceRuleInput = {
      code: rule.code,
      jurisdiction: rule.jurisdiction,
      kind: rule.kind,
      source,
      description: rule.description,
      enabled,
    }
    if (rule.kind === 'CALLING_HOURS') Object.assign(input, { startTime, endTime, weekdays: rule.weekdays })
    if (rule.kind === 'ATTEMPT_LIMIT') Object.assign(input, { maxAttempts: Number(maxAttempts), windowHours: Number(windowHours) })
    if (rule.kind === 'OPTED_OUT') Object.assign(input, { statuses: rule.statuses })
    if (rule.kind === 'NO_CALL_DAYS') Object.assign(input, { weekdays: rule.weekdays, holidays: rule.holidays })
    setRunning(true)
    setError(null)
    try {
      await setComplianceRule(input)
      onSaved()
    } catch (e) {
      setError((e as Error).message)
      setRunning(false)
    }
  }

  return (
    <Dialog title={`Edit rule ${rule.code}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        {rule.kind === 'CALLING_HOURS' && (
          <>
            <div className="field">
              <label htmlFor="rule-start">First permitted local time (HH:MM)</label>
              <input id="rule-start" value={startTime} onChange={(e) => setStartTime(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="rule-end">Last permitted local time (HH:MM)</label>
              <input id="rule-end" value={endTime} onChange={(e) => setEndTime(e.target.value)} />
            </div>
          </>
        )}
        {rule.kind === 'ATTEMPT_LIMIT' && (
          <>
            <div className="field">
              <label htmlFor="rule-max">Most dials to one number</label>
              <input id="rule-max" type="number" min={1} value={maxAttempts} onChange={(e) => setMaxAttempts(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="rule-window">In a rolling window of (hours)</label>
              <input id="rule-window" type="number" min={1} value={windowHours} onChange={(e) => setWindowHours(e.target.value)} />
            </div>
          </>
        )}
        <div className="field">
          <label htmlFor="rule-source">Source (statute or regulation)</label>
          <input id="rule-source" value={source} onChange={(e) => setSource(e.target.value)} />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> Rule in force
        </label>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        <DialogActions onCancel={onClose} label={running ? 'Saving…' : 'Save rule'} running={running} />
      </form>
    </Dialog>
  )
}

/** The calling rules per jurisdiction with their sources; an ADMIN edits them. */
export function RulesPanel() {
  const session = useSession()
  const isAdmin = session?.role === 'ADMIN'
  const query = useComplianceRules()
  const [editing, setEditing] = useState<Rule | null>(null)
  const columns = useMemo<Column<Rule>[]>(() => {
    const cols: Column<Rule>[] = [
      { key: 'code', header: 'Rule', value: (r) => r.code },
      { key: 'jurisdiction', header: 'Jurisdiction', value: (r) => (r.jurisdiction === 'US' ? 'US (federal)' : r.jurisdiction) },
      { key: 'limits', header: 'Limit', value: limits },
      { key: 'source', header: 'Source', value: (r) => r.source },
      { key: 'enabled', header: 'In force', value: (r) => (r.enabled ? 'yes' : 'no') },
    ]
    if (isAdmin) {
      cols.push({
        key: 'edit',
        header: 'Edit',
        sortable: false,
        value: () => '',
        render: (r) => (
          <button type="button" className="button small" onClick={() => setEditing(r)} aria-label={`Edit rule ${r.code}`}>
            Edit
          </button>
        ),
      })
    }
    return cols
  }, [isAdmin])
  return (
    <section className="panel" aria-labelledby="rules-title">
      <h2 id="rules-title">Calling rules</h2>
      <p className="muted">A rule applies to a call when its jurisdiction is federal or one of the lead's states (from its ZIP code and phone number); hours are checked in every zone the lead may be in.</p>
      <QueryStatus {...query} isEmpty={(d) => d.complianceRules.length === 0} empty="No rules.">
        {(data) => <DataTable caption="Calling rules" columns={columns} rows={data.complianceRules} rowKey={(r) => r.code} />}
      </QueryStatus>
      {editing && <RuleDialog rule={editing} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />}
    </section>
  )
}
