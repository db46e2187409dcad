import { PageHeader } from '@/components/layout/app-shell'
import { ApiKeysPanel } from './api-keys-panel'
import { UsersPanel } from './users-panel'

export default function UsersAdminPage() {
  return (
    <>
      <PageHeader title="Users and keys" description="Who may sign in, with which role, and the API keys programs use. Every change here is written to the audit log." />
      <UsersPanel />
      <ApiKeysPanel />
    </>
  )
}
