/**
 * Flood limits as JSON, the shape of `POST /flood-limits` and of the CLI's `--flood-limits`:
 * `{"enabled": false}`, or any of `perBot`/`group` (`{"limit","windowMs"}`) and
 * `privateChat`/`editsPerChat` (`{"burst","perSecond"}`), each `false` to switch it off.
 */
import type { FloodLimitsOptions } from '../flood/flood-control';
import { ControlInputError } from './control-json';

type Fields = Readonly<Record<string, unknown>>;

const LIMIT_NAMES = new Set(['enabled', 'perBot', 'privateChat', 'group', 'editsPerChat']);

/** `{"enabled": false}` switches the limits off; otherwise each limit given replaces the default. */
export function floodLimitsOf(fields: Fields): FloodLimitsOptions | false {
  const unknown = Object.keys(fields).filter((name) => !LIMIT_NAMES.has(name));
  if (unknown.length > 0) {
    throw new ControlInputError(`unknown limit "${unknown[0]}" (known: ${[...LIMIT_NAMES].join(', ')})`);
  }
  if (fields.enabled === false) return false;
  return {
    perBot: window(fields, 'perBot'),
    privateChat: bucket(fields, 'privateChat'),
    group: window(fields, 'group'),
    editsPerChat: bucket(fields, 'editsPerChat'),
  };
}

function window(fields: Fields, name: string) {
  const value = limitObject(fields, name);
  if (value === undefined || value === false) return value;
  return { limit: positive(value, name, 'limit'), windowMs: positive(value, name, 'windowMs') };
}

function bucket(fields: Fields, name: string) {
  const value = limitObject(fields, name);
  if (value === undefined || value === false) return value;
  return { burst: positive(value, name, 'burst'), perSecond: positive(value, name, 'perSecond') };
}

function limitObject(fields: Fields, name: string): Fields | false | undefined {
  const value = fields[name];
  if (value === undefined || value === false) return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlInputError(`"${name}" must be an object or false`);
  }
  return value as Fields;
}

function positive(fields: Fields, name: string, field: string): number {
  const value = fields[field];
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ControlInputError(`"${name}.${field}" must be a positive number`);
  }
  return value;
}
