import type { Locator } from '@playwright/test'
import { parseShownNumber } from '../support/api'
import { AppPage } from './app-page'

/** The live floor (wallboard). */
export class LivePage extends AppPage {
  /** "Live", "Connecting…" or "Reconnecting… since hh:mm:ss". */
  get status(): Locator {
    return this.page.getByTestId('live-status')
  }

  /** Today's headline number: calls, connects, conversions, qualified, connect-rate, conversion-rate. */
  total(measure: string): Locator {
    return this.page.getByTestId(`live-total-${measure}`)
  }

  campaign(campaignId: string): Locator {
    return this.page.getByTestId(`live-campaign-${campaignId}`)
  }

  agentTile(agentId: string): Locator {
    return this.page.getByTestId(`agent-tile-${agentId}`)
  }

  async totalCalls(): Promise<number> {
    return parseShownNumber(await this.total('calls').textContent())
  }

  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: 'Pages' })
  }
}
