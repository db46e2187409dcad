import { describe, expect, it } from 'vitest'
import { csvFields, NumberLinesError, readNumberLines } from './number-lines'

describe('readNumberLines', () => {
  it('reads one number per line without header, keeping each line number and skipping blank lines', () => {
    const text = '\uFEFF(415) 555-0101\r\n\r\n415.555.0102\n  +1 415 555 0103  \r1-800-FLOWERS\n'
    expect(readNumberLines(text)).toEqual({
      header: null,
      entries: [
        { line: 1, value: '(415) 555-0101' },
        { line: 3, value: '415.555.0102' },
        { line: 4, value: '+1 415 555 0103' },
        { line: 5, value: '1-800-FLOWERS' },
      ],
    })
  })

  it('takes a first line without digits as the header', () => {
    expect(readNumberLines('\nnumbers to block\n4155550101\n')).toEqual({
      header: { line: 2, text: 'numbers to block', column: 'numbers to block' },
      entries: [{ line: 3, value: '4155550101' }],
    })
  })

  it('reads the phone column a CSV header names, quotes included, and an empty cell as an empty value', () => {
    const text = 'name,"Phone Number",note\n"Smith, Ann","(415) 555-0101",x\nBob,,y\n'
    expect(readNumberLines(text)).toEqual({
      header: { line: 1, text: 'name,"Phone Number",note', column: 'Phone Number' },
      entries: [
        { line: 2, value: '(415) 555-0101' },
        { line: 3, value: '' },
      ],
    })
  })

  it('refuses a header of several columns that names no phone column', () => {
    expect(() => readNumberLines('name,city\nAnn,5551234567\n')).toThrow(NumberLinesError)
    expect(() => readNumberLines('name,city\nAnn,5551234567\n')).toThrow(/^Line 1 looks like a header but names no phone column/)
  })

  it('without header detection reads every line as a number', () => {
    expect(readNumberLines('phone\n4155550101', { detectHeader: false }).entries.map((e) => e.value)).toEqual(['phone', '4155550101'])
  })

  it('splits CSV fields with doubled quotes', () => {
    expect(csvFields('"a ""b"", c", 415 555 0101 ,')).toEqual(['a "b", c', '415 555 0101', ''])
  })
})
