import { useCallback, useEffect } from 'react'
import { PageHeader } from '@/components/layout/app-shell'
import { DataTable, type Column } from '@/components/ui/data-table'
import { QueryStatus } from '@/components/ui/states'
import type { AdminAdvertisersQuery } from '@/gql/graphql'
import { formatDecimal, formatInteger } from '@/lib/format'
import { useFilters, useUrlParam } from '@/lib/use-filters'
import { useAdminAdvertisers } from '../api/advertisers'
import { useAdvertiserSettings } from '../api/advertiser-settings'
import { AdvertiserKeysPanel } from './advertiser-keys-panel'
import { CriteriaForm } from './criteria-form'
import { DeliveriesPanel } from './deliveries-panel'
import { FeedStatusPanel } from './feed-status-panel'
import { SettingsForm } from './settings-form'
import { WebhookPanel } from './webhook-panel'

type Advertiser = AdminAdvertisersQuery['advertisers'][number]

function criteriaSummary(a: Advertiser): string {
  const c = a.criteria
  const parts = [
    c?.maxAttemptNo != null ? `attempt ≤ ${formatInteger(c.maxAttemptNo)}` : null,
    c?.maxLeadAgeHours != null ? `age ≤ ${formatDecimal(c.maxLeadAgeHours)} h` : null,
    c?.minCustomerTalkSeconds != null ? `talk ≥ ${formatInteger(c.minCustomerTalkSeconds)} s` : null,
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(', ') : 'none'
}

function AdvertiserDetail({ advertiser, timeZone, onCriteriaSaved }: { advertiser: Advertiser; timeZone: string; onCriteriaSaved: () => void }) {
  const advertiserId = advertiser.advertiserId ?? ''
  const settings = useAdvertiserSettings(advertiserId)
  const { refetch } = settings
  const refreshSettings = useCallback(() => refetch(), [refetch])
  return (
    <>
      <h2 className="section-title">{advertiser.name ?? advertiserId}</h2>
      <CriteriaForm advertiser={advertiser} onSaved={onCriteriaSaved} />
      <QueryStatus {...settings}>
        {(data) => (
          <>
            <SettingsForm settings={data.advertiserSettings} onSaved={refreshSettings} />
            <WebhookPanel advertiserId={advertiserId} webhook={data.advertiserSettings.webhook} onSaved={refreshSettings} />
          </>
        )}
      </QueryStatus>
      <FeedStatusPanel advertiserId={advertiserId} timeZone={timeZone} />
      <DeliveriesPanel advertiserId={advertiserId} timeZone={timeZone} onRedelivered={refreshSettings} />
      <AdvertiserKeysPanel advertiserId={advertiserId} timeZone={timeZone} />
    </>
  )
}

export default function AdvertisersAdminPage() {
  const { filters } = useFilters()
  const query = useAdminAdvertisers()
  const [selected, setSelected] = useUrlParam('advertiser', '')
  const advertisers = query.data?.advertisers ?? []
  const current = advertisers.find((a) => a.advertiserId === selected)

  const firstAdvertiserId = advertisers[0]?.advertiserId
  useEffect(() => {
    if (!selected && firstAdvertiserId) setSelected(firstAdvertiserId)
  }, [selected, firstAdvertiserId, setSelected])

  const columns: Column<Advertiser>[] = [
    {
      key: 'name',
      header: 'Advertiser',
      value: (a) => a.name ?? a.advertiserId,
      render: (a) => (
        <button type="button" className="link-button" aria-pressed={a.advertiserId === selected} onClick={() => setSelected(a.advertiserId ?? null)}>
          {a.name ?? a.advertiserId}
        </button>
      ),
    },
    { key: 'advertiserId', header: 'ID', value: (a) => a.advertiserId },
    { key: 'criteria', header: 'Qualification criteria', value: (a) => criteriaSummary(a) },
  ]

  return (
    <>
      <PageHeader title="Advertisers" description="Each advertiser's qualification criteria, return window, webhook, feed and API keys. Choose an advertiser in the table." />
      <QueryStatus {...query} isEmpty={(d) => d.advertisers.length === 0} empty="No advertiser yet: they come with the call data.">
        {(data) => (
          <section className="panel">
            <DataTable
              caption="Advertisers"
              columns={columns}
              rows={data.advertisers}
              rowKey={(a) => a.advertiserId ?? ''}
              exportName="advertisers"
              onRowClick={(a) => setSelected(a.advertiserId ?? null)}
              selectedKey={selected}
              initialSort={{ key: 'name', direction: 'asc' }}
            />
          </section>
        )}
      </QueryStatus>
      {current && (
        <AdvertiserDetail
          key={current.advertiserId}
          advertiser={current}
          timeZone={filters.timeZone}
          onCriteriaSaved={() => query.refetch()}
        />
      )}
    </>
  )
}
