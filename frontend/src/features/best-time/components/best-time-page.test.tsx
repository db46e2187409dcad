import { describe, expect, it } from 'vitest'
import { confidenceOpacity } from './best-time-page'

describe('heatmap confidence', () => {
  it('draws narrow intervals in full colour and wide ones faint', () => {
    expect(confidenceOpacity(0.3, 0.33)).toBe(1)
    expect(confidenceOpacity(0.2, 0.34)).toBeCloseTo(0.5, 5)
    expect(confidenceOpacity(0.05, 0.6)).toBe(0.2)
    expect(confidenceOpacity(null, 0.4)).toBe(0.15)
  })
})
