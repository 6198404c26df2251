/**
 * JSON Schema (draft-07) of a calendar file, for editors and `$schema`. It mirrors what
 * `parseCalendarFile` checks structurally; the rules across days (inside the year, no date
 * twice, make-up days on weekends) only the parser knows. The committed copy is
 * workflows/calendar/calendar.schema.json, and a unit test keeps the two equal.
 */
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const text = { type: 'string', minLength: 1 };

export const CALENDAR_FILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Working-day calendar (工作日历)',
  description:
    'Official holiday arrangements of one region, per year: public holidays and make-up working days (调休), each year with the notice it comes from.',
  type: 'object',
  additionalProperties: false,
  required: ['region', 'years'],
  properties: {
    $schema: { type: 'string' },
    region: {
      type: 'string',
      pattern: '^[A-Z]{2}(-[A-Z0-9]{1,12}){0,3}$',
      description:
        'CN for the national calendar; a region such as CN-110101 adds local days on top of it',
    },
    years: { type: 'array', minItems: 1, items: { $ref: '#/definitions/Year' } },
  },
  definitions: {
    Year: {
      type: 'object',
      additionalProperties: false,
      required: ['year', 'source', 'holidays', 'workingDays'],
      properties: {
        year: { type: 'integer', minimum: 2000, maximum: 2100 },
        source: { $ref: '#/definitions/Source' },
        holidays: { type: 'array', items: { $ref: '#/definitions/Holiday' } },
        workingDays: { type: 'array', items: { $ref: '#/definitions/WorkingDay' } },
      },
    },
    Source: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'issuer', 'date'],
      properties: {
        title: text,
        issuer: text,
        date: { ...isoDate, description: 'publication date of the notice' },
        url: { type: 'string', pattern: '^https?://' },
      },
    },
    Holiday: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      oneOf: [{ required: ['date'] }, { required: ['from', 'to'] }],
      properties: {
        date: isoDate,
        from: isoDate,
        to: { ...isoDate, description: 'last day of the holiday, inclusive' },
        name: {
          type: 'object',
          additionalProperties: false,
          required: ['zh'],
          properties: { zh: text, en: text },
        },
      },
    },
    WorkingDay: {
      type: 'object',
      additionalProperties: false,
      required: ['date', 'note'],
      description: 'a make-up working day (调休) on a Saturday or Sunday',
      properties: { date: isoDate, note: text },
    },
  },
} as const;
