// `rolegate/filter`: a record filter (`gate.filter(user, permission,
// context?)`) as a parameterised SQL `WHERE` (SQLite, PostgreSQL) or a
// Prisma `where`. Plain functions over plain data: no engine, no wasm.
//
// A filter's tests never match a record that lacks the field they test, and
// `not` of one matches it: every test is written so that it is never SQL's
// NULL (`col IS NOT NULL AND col IN (...)`), so `NOT` is exact.

/**
 * The filter format and the options are declared in `filter.d.ts`.
 * @typedef {any} Filter
 * @typedef {{ dialect?: 'sqlite' | 'postgres', columns: { owner?: string, team?: string, unit?: string, attributes?: Record<string, string> | ((key: string) => string) } }} SqlOptions
 * @typedef {{ fields: { owner?: string, team?: string, unit?: string, attributes?: Record<string, string> | ((key: string) => string) } }} PrismaOptions
 */

/** Lists longer than this become one parameter in SQLite (`json_each`). */
const LONG = 100;

/**
 * The column of record attribute `key`.
 * @param {Record<string, string> | ((key: string) => string) | undefined} attributes
 * @param {string} key
 * @returns {string}
 */
function attributeColumn(attributes, key) {
  const column = typeof attributes === 'function' ? attributes(key) : attributes?.[key];
  if (typeof column !== 'string' || column === '') {
    throw new TypeError(`rolegate/filter: no column for record attribute \`${key}\` (give it in \`attributes\`)`);
  }
  return column;
}

/**
 * The column of `owner`, `team` or `unit`.
 * @param {Record<string, any>} columns
 * @param {'owner' | 'team' | 'unit'} field
 * @returns {string}
 */
function fieldColumn(columns, field) {
  const column = columns?.[field];
  if (typeof column !== 'string' || column === '') {
    throw new TypeError(`rolegate/filter: no column for the record's \`${field}\``);
  }
  return column;
}

/** @param {unknown} v */
const scalar = (v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * The filter as a parameterised SQL condition: `{ where, params }`, with
 * `?` placeholders (`dialect: 'sqlite'`, the default) or `$1`, `$2`, ...
 * (`'postgres'`). Column names are written as given (quote them as your
 * schema needs); every value is a parameter. Attribute columns hold one
 * value each (a string, number or boolean; booleans are 1/0 in SQLite).
 * @param {Filter} filter
 * @param {SqlOptions} options
 * @returns {{ where: string, params: unknown[] }}
 * @throws {TypeError} when a column the filter needs is not given, or the filter is not one
 */
export function toSql(filter, options) {
  const dialect = options?.dialect ?? 'sqlite';
  if (dialect !== 'sqlite' && dialect !== 'postgres') {
    throw new TypeError(`rolegate/filter: unknown dialect \`${dialect}\` (\`sqlite\` or \`postgres\`)`);
  }
  const columns = options?.columns ?? {};
  /** @type {unknown[]} */
  const params = [];
  /** @param {unknown} v */
  const param = (v) => {
    params.push(dialect === 'sqlite' && typeof v === 'boolean' ? Number(v) : v);
    return dialect === 'sqlite' ? '?' : `$${params.length}`;
  };
  /** `col` is one of `values` (never NULL). @param {string} col @param {unknown[]} values */
  const oneOf = (col, values) => {
    if (values.length === 0) return '(1 = 0)';
    if (dialect === 'postgres') return `(${col} IS NOT NULL AND ${col} = ANY(${param(values)}))`;
    if (values.length > LONG) {
      return `(${col} IS NOT NULL AND ${col} IN (SELECT value FROM json_each(${param(JSON.stringify(values))})))`;
    }
    return `(${col} IS NOT NULL AND ${col} IN (${values.map(param).join(', ')}))`;
  };
  /** @param {Filter} f @returns {string} */
  const sql = (f) => {
    if (f === true) return '(1 = 1)';
    if (f === false) return '(1 = 0)';
    if (f === null || typeof f !== 'object') throw new TypeError('rolegate/filter: not a filter');
    if ('any' in f) return f.any.length === 0 ? '(1 = 0)' : `(${f.any.map(sql).join(' OR ')})`;
    if ('all' in f) return f.all.length === 0 ? '(1 = 1)' : `(${f.all.map(sql).join(' AND ')})`;
    if ('not' in f) return `(NOT ${sql(f.not)})`;
    for (const field of /** @type {const} */ (['owner', 'team', 'unit'])) {
      if (field in f) {
        const test = /** @type {any} */ (f)[field];
        const col = fieldColumn(columns, field);
        return 'in' in test ? oneOf(col, test.in) : `(${col} IS NULL)`;
      }
    }
    if (!('attr' in f)) throw new TypeError('rolegate/filter: not a filter');
    const col = attributeColumn(columns.attributes, f.attr);
    if ('eq' in f) return scalar(f.eq) ? oneOf(col, [f.eq]) : '(1 = 0)';
    if ('in' in f) return oneOf(col, f.in.filter(scalar));
    if ('present' in f) return f.present ? `(${col} IS NOT NULL)` : `(${col} IS NULL)`;
    // Two scalar columns: `inAttr` is equality too.
    const other = attributeColumn(columns.attributes, 'eqAttr' in f ? f.eqAttr : f.inAttr);
    return `(${col} IS NOT NULL AND ${other} IS NOT NULL AND ${col} = ${other})`;
  };
  return { where: sql(filter), params };
}

/**
 * The filter as a Prisma `where` object, over the fields named in
 * `fields` (`{ owner: 'ownerId', team: 'teamId', unit: 'unitId',
 * attributes: { staff: 'staffId' } }`). `true` is `{}`, `false` is
 * `{ OR: [] }`. A comparison of two record attributes (`eqAttr`, `inAttr`)
 * needs Prisma's field references, so it throws.
 * @param {Filter} filter
 * @param {PrismaOptions} options
 * @returns {Record<string, unknown>}
 * @throws {TypeError} when a field the filter needs is not given, or the filter compares two attributes
 */
export function toPrisma(filter, options) {
  const fields = options?.fields ?? {};
  /** `name` is one of `values` (never NULL). @param {string} name @param {unknown[]} values */
  const oneOf = (name, values) =>
    values.length === 0 ? { OR: [] } : { AND: [{ [name]: { not: null } }, { [name]: { in: values } }] };
  /** @param {Filter} f @returns {Record<string, unknown>} */
  const where = (f) => {
    if (f === true) return {};
    if (f === false) return { OR: [] };
    if (f === null || typeof f !== 'object') throw new TypeError('rolegate/filter: not a filter');
    if ('any' in f) return { OR: f.any.map(where) };
    if ('all' in f) return { AND: f.all.map(where) };
    if ('not' in f) return { NOT: where(f.not) };
    for (const field of /** @type {const} */ (['owner', 'team', 'unit'])) {
      if (field in f) {
        const test = /** @type {any} */ (f)[field];
        const name = fieldColumn(fields, field);
        return 'in' in test ? oneOf(name, test.in) : { [name]: null };
      }
    }
    if (!('attr' in f)) throw new TypeError('rolegate/filter: not a filter');
    const name = attributeColumn(fields.attributes, f.attr);
    if ('eq' in f) return scalar(f.eq) ? oneOf(name, [f.eq]) : { OR: [] };
    if ('in' in f) return oneOf(name, f.in.filter(scalar));
    if ('present' in f) return f.present ? { [name]: { not: null } } : { [name]: null };
    throw new TypeError(`rolegate/filter: toPrisma cannot compare record attribute \`${f.attr}\` with another one (use toSql)`);
  };
  return where(filter);
}
