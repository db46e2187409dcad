/**
 * The numbers of a do-not-call file or of pasted text, each with its line: one number per line, or a CSV whose
 * header names the phone column. Which entries are phone numbers is the server's call (libphonenumber); this only
 * finds the values and remembers where they came from, so that every refusal names its line.
 */

export interface NumberLine {
  /** The line in the file or the text, from 1. */
  line: number
  value: string
}

export interface NumberLines {
  /** The header line when the first non-blank line is one (it holds no digit or names a phone column). */
  header: { line: number; text: string; column: string } | null
  /** The non-blank lines after the header, in order. */
  entries: NumberLine[]
}

/** Header names of a phone column (compared lower-case without punctuation), as the server's upload reads them. */
const PHONE_HEADERS = new Set(['phone', 'phonenumber', 'number', 'tonumber', 'telephone', 'tel', 'mobile', 'dnc', 'e164'])

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '')

/** The fields of one CSV line (RFC 4180 quotes; a line break inside quotes is not expected in a list of numbers). */
export function csvFields(line: string): string[] {
  if (!line.includes('"')) return line.split(',').map((f) => f.trim())
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') {
        quoted = false
      } else {
        field += ch
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true
      field = ''
    } else if (ch === ',') {
      fields.push(field)
      field = ''
    } else {
      field += ch
    }
  }
  fields.push(field)
  return fields.map((f) => f.trim())
}

export class NumberLinesError extends Error {}

/**
 * Splits text into numbers with their lines. With `detectHeader`, a first non-blank line without any digit, or one
 * naming a phone column, is the header; a header of several columns must name the phone column.
 */
export function readNumberLines(text: string, { detectHeader = true }: { detectHeader?: boolean } = {}): NumberLines {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  let header: NumberLines['header'] = null
  let column = 0
  const entries: NumberLine[] = []
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]
    if (raw.trim() === '') continue
    const fields = csvFields(raw)
    if (detectHeader && header === null && entries.length === 0) {
      const named = fields.findIndex((f) => PHONE_HEADERS.has(normalise(f)))
      const looseName = fields.findIndex((f) => /phone|number/i.test(f))
      if (named >= 0 || !/\d/.test(raw)) {
        column = named >= 0 ? named : looseName >= 0 ? looseName : fields.length === 1 ? 0 : -1
        if (column < 0) {
          throw new NumberLinesError(
            `Line ${i + 1} looks like a header but names no phone column (phone, number, phone_number, telephone, mobile): name it, or give one number per line.`,
          )
        }
        header = { line: i + 1, text: raw.trim(), column: fields[column] }
        continue
      }
    }
    entries.push({ line: i + 1, value: fields[column] ?? '' })
  }
  return { header, entries }
}
