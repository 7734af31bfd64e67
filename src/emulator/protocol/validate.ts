// Generic input validation driven by the model's shapes, the way Glue's service framework (Coral) does it:
//  1. a JSON value of the wrong kind, or a number its member's Java type cannot hold (an integer beyond
//     32 bits), cannot be deserialized -> SerializationException (400);
//  2. constraint violations (required, length, range, pattern, enum) are collected and reported together
//     -> ValidationException (400) "N validation error(s) detected: Value '…' at 'path' failed to satisfy
//     constraint: Member must …", joined with "; ". Glue answers this way, e.g. CreateTable's
//     "2 validation errors detected: … at 'table.storageDescriptor.columns.5.member.comment' failed to
//     satisfy constraint: Member must satisfy regular expression pattern: [\u0020-…]*".
//     Paths use lowerCamel member names; list elements are '<path>.<1-based index>.member'.
// Unknown members are ignored and JSON null counts as absent, as in Coral.
import { getShape } from '../model/index.js';
import type { ListShape, MapShape, Shape, StructureShape } from '../model/index.js';
import { GlueError } from './errors.js';

const patternCache = new Map<string, RegExp>();

function compiledPattern(pattern: string): RegExp {
  let regex = patternCache.get(pattern);
  if (!regex) {
    // Java's String.matches anchors the whole value; the 'u' flag makes \uD800\uDC00-\uDBFF\uDFFF a code-point range.
    regex = new RegExp(`^(?:${pattern})$`, 'u');
    patternCache.set(pattern, regex);
  }
  return regex;
}

const lowerCamel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
const join = (path: string, member: string): string => (path ? `${path}.${member}` : member);

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'START_ARRAY';
  if (typeof value === 'object' && value !== null) return 'START_OBJECT';
  if (typeof value === 'string') return 'STRING_VALUE';
  if (typeof value === 'number') return 'NUMBER_VALUE';
  if (typeof value === 'boolean') return value ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return 'NULL_VALUE';
}

const TARGET_NAMES: Record<Shape['type'], string> = {
  structure: 'a Structure',
  list: 'a List',
  map: 'a Map',
  string: 'a String',
  integer: 'an Integer',
  long: 'a Long',
  double: 'a Double',
  boolean: 'a Boolean',
  timestamp: 'a Timestamp',
};

/**
 * The ranges of Java's int and long, which Coral deserializes `integer` and `long` members into:
 * min <= value < end (an exclusive end, since 2^63 - 1 is not a double).
 */
const INTEGER_BOUNDS: Partial<Record<Shape['type'], { min: number; end: number }>> = {
  integer: { min: -(2 ** 31), end: 2 ** 31 },
  long: { min: -(2 ** 63), end: 2 ** 63 },
};

function serializationError(value: unknown, shape: Shape): GlueError {
  // Coral's wording for containers in the wrong place; no internals (class names, positions) leak out.
  if (Array.isArray(value)) return new GlueError('SerializationException', 'Start of list found where not expected');
  if (typeof value === 'object' && value !== null)
    return new GlueError('SerializationException', 'Start of structure or map found where not expected.');
  return new GlueError('SerializationException', `${jsonKind(value)} can not be converted to ${TARGET_NAMES[shape.type]}`);
}

function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(', ')}]`;
  if (typeof value === 'object' && value !== null) return '{…}';
  return String(value);
}

class Validator {
  readonly violations: string[] = [];

  private fail(value: unknown, path: string, constraint: string): void {
    const shown = value === undefined || value === null ? 'null' : `'${render(value)}'`;
    this.violations.push(`Value ${shown} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
  }

  visit(shapeName: string, value: unknown, path: string): void {
    const shape = getShape(shapeName);
    switch (shape.type) {
      case 'structure':
        return this.structure(shape as StructureShape, value, path);
      case 'list':
        return this.list(shape as ListShape, value, path);
      case 'map':
        return this.map(shape as MapShape, value, path);
      case 'string':
        return this.string(shape, value, path);
      case 'integer':
      case 'long':
      case 'double':
        return this.number(shape, value, path);
      case 'boolean':
        if (typeof value !== 'boolean') throw serializationError(value, shape);
        return;
      case 'timestamp':
        // JSON 1.1 timestamps are epoch seconds as numbers (fractions allowed).
        if (typeof value !== 'number' || !Number.isFinite(value)) throw serializationError(value, shape);
        return;
    }
  }

  private structure(shape: StructureShape, value: unknown, path: string): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw serializationError(value, shape);
    const record = value as Record<string, unknown>;
    for (const [member, ref] of Object.entries(shape.members)) {
      const memberValue = Object.hasOwn(record, member) ? record[member] : undefined;
      const memberPath = join(path, lowerCamel(member));
      if (memberValue === undefined || memberValue === null) {
        if (shape.required?.includes(member)) this.fail(undefined, memberPath, 'not be null');
        continue;
      }
      this.visit(ref.shape, memberValue, memberPath);
    }
  }

  private list(shape: ListShape, value: unknown, path: string): void {
    if (!Array.isArray(value)) throw serializationError(value, shape);
    this.length(shape, value, value.length, path);
    value.forEach((item, index) => {
      if (item !== null) this.visit(shape.member.shape, item, `${path}.${index + 1}.member`);
    });
  }

  private map(shape: MapShape, value: unknown, path: string): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw serializationError(value, shape);
    const entries = Object.entries(value as Record<string, unknown>);
    this.length(shape, value, entries.length, path);
    for (const [key, item] of entries) {
      this.visit(shape.key.shape, key, `${path}.${key}.key`);
      if (item !== null) this.visit(shape.value.shape, item, `${path}.${key}.value`);
    }
  }

  private string(shape: Shape, value: unknown, path: string): void {
    if (typeof value !== 'string') throw serializationError(value, shape);
    this.length(shape, value, value.length, path);
    if (shape.pattern !== undefined && !compiledPattern(shape.pattern).test(value)) {
      this.fail(value, path, `satisfy regular expression pattern: ${shape.pattern}`);
    }
    if (shape.enum && !shape.enum.includes(value)) {
      this.fail(value, path, `satisfy enum value set: [${shape.enum.join(', ')}]`);
    }
  }

  private number(shape: Shape, value: unknown, path: string): void {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw serializationError(value, shape);
    if (shape.type !== 'double' && !Number.isInteger(value)) throw serializationError(value, shape);
    // A value the member's Java type cannot hold fails deserialization, before any range constraint is seen.
    const bound = INTEGER_BOUNDS[shape.type];
    if (bound && (value < bound.min || value >= bound.end)) throw serializationError(value, shape);
    if (shape.min !== undefined && value < shape.min) this.fail(value, path, `have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) this.fail(value, path, `have value less than or equal to ${shape.max}`);
  }

  private length(shape: Shape, value: unknown, length: number, path: string): void {
    if (shape.min !== undefined && length < shape.min) this.fail(value, path, `have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && length > shape.max) this.fail(value, path, `have length less than or equal to ${shape.max}`);
  }
}

/** Throws SerializationException or ValidationException when `input` does not fit the named input shape. */
export function validateInput(shapeName: string, input: unknown): void {
  const validator = new Validator();
  validator.visit(shapeName, input, '');
  const count = validator.violations.length;
  if (count === 0) return;
  const noun = count === 1 ? 'validation error' : 'validation errors';
  throw new GlueError('ValidationException', `${count} ${noun} detected: ${validator.violations.join('; ')}`);
}
