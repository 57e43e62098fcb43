// `rolegate/filter`: record filters as SQL or Prisma conditions.
import type { AttrValue } from './types.js';

/**
 * Which records a user may act on (`gate.filter(user, permission, context?)`):
 * a record matches exactly when `gate.can(user, permission, { ...context, record })`
 * is true. Owner, team and unit tests never match a record lacking the field.
 */
export type Filter =
  | boolean
  | { any: Filter[] }
  | { all: Filter[] }
  | { not: Filter }
  | { owner: FieldTest }
  | { team: FieldTest }
  | { unit: UnitTest }
  | AttributeTest;

/** The field is one of these ids, or absent. */
export type FieldTest = { in: string[] } | { present: false };

/** The unit is at or below one of `within`: one of `in` (those and every unit below them), or absent. */
export type UnitTest = { within: string[]; in: string[] } | { present: false };

/** A test of one record attribute, as the model's conditions test them. */
export type AttributeTest =
  | { attr: string; eq: AttrValue }
  | { attr: string; in: AttrValue[] }
  | { attr: string; present: boolean }
  | { attr: string; eqAttr: string }
  | { attr: string; inAttr: string };

/** A record attribute's column (or Prisma field), by key. */
export type AttributeColumns = { [key: string]: string } | ((key: string) => string);

/** Where a table keeps a record's fields. */
export interface RecordColumns {
  owner?: string;
  team?: string;
  unit?: string;
  attributes?: AttributeColumns;
}

export interface SqlOptions {
  /** Column names, written into the SQL as given (quote them as your schema needs). */
  columns: RecordColumns;
  /** `?` placeholders (`'sqlite'`, the default) or `$1`, `$2`, ... (`'postgres'`). */
  dialect?: 'sqlite' | 'postgres';
}

export interface PrismaOptions {
  /** The model's field names. */
  fields: RecordColumns;
}

/** A parameterised condition: `SELECT ... WHERE ${where}` with `params`. */
export interface SqlWhere {
  where: string;
  params: unknown[];
}

/**
 * The filter as a parameterised SQL condition; every value is a parameter.
 * @throws {TypeError} when a column the filter needs is not given
 */
export declare function toSql(filter: Filter, options: SqlOptions): SqlWhere;

/**
 * The filter as a Prisma `where` (`true`: `{}`, `false`: `{ OR: [] }`).
 * @throws {TypeError} when a field is not given, or for `eqAttr` / `inAttr`
 */
export declare function toPrisma(filter: Filter, options: PrismaOptions): Record<string, unknown>;
