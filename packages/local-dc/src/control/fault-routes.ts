/**
 * The control API's fault injection and flood limit routes (the same operations as `dc.faults` and
 * `dc.flood` in-process). Bodies are JSON objects; every route answers JSON.
 */
import type { FaultScope } from '../faults/fault-injector';
import { ControlInputError, optionalInteger, requiredId } from './control-json';
import type { Route } from './control-routes';
import { floodLimitsOf } from './flood-limits-json';

type Fields = Readonly<Record<string, unknown>>;

/** Longest delay or fault window accepted, and largest forced FLOOD_WAIT: one day. */
const MAX_MS = 86_400_000;
const MAX_SECONDS = 86_400;

export const FAULT_ROUTES: Readonly<Record<string, Route>> = {
  'POST /faults/drop-connections': (dc) => ({
    status: 200,
    body: { dropped: dc.faults.dropConnections() },
  }),

  'POST /faults/delay-replies': (dc, { fields }) => {
    const delayMs = optionalInteger(fields, 'delayMs', MAX_MS);
    if (delayMs === undefined) throw new ControlInputError('"delayMs" is required');
    dc.faults.delayReplies(delayMs, scopeOf(fields));
    return { status: 200, body: { ok: true } };
  },

  'POST /faults/drop-replies': (dc, { fields }) => {
    dc.faults.dropReplies(scopeOf(fields));
    return { status: 200, body: { ok: true } };
  },

  'POST /faults/restart': async (dc) => {
    await dc.restart();
    return { status: 200, body: { ok: true } };
  },

  'POST /faults/rotate-salts': (dc) => {
    dc.rotateSalts();
    return { status: 200, body: { ok: true } };
  },

  'POST /faults/clear': (dc) => {
    dc.faults.clear();
    return { status: 200, body: { ok: true } };
  },

  'POST /faults/flood-wait': (dc, { fields }) => {
    const botId = requiredId(fields, 'botId');
    const seconds = optionalInteger(fields, 'seconds', MAX_SECONDS);
    if (seconds === undefined) throw new ControlInputError('"seconds" is required');
    if (dc.world.account(botId)?.bot !== true) throw new ControlInputError(`${botId} is not a bot`);
    dc.flood.forceFloodWait(botId, seconds);
    return { status: 200, body: { ok: true } };
  },

  'GET /flood-limits': (dc) => ({ status: 200, body: { limits: dc.flood.current ?? false } }),

  'POST /flood-limits': (dc, { fields }) => {
    dc.flood.configure(floodLimitsOf(fields));
    return { status: 200, body: { limits: dc.flood.current ?? false } };
  },
};

/** `{"replies": K}` or `{"forMs": N}` (or both: whichever ends first). */
function scopeOf(fields: Fields): FaultScope {
  const replies = optionalInteger(fields, 'replies', 1_000_000);
  const forMs = optionalInteger(fields, 'forMs', MAX_MS);
  if (replies === undefined && forMs === undefined) {
    throw new ControlInputError('give "replies" (the next K replies) or "forMs" (for N ms)');
  }
  if (replies === 0) throw new ControlInputError('"replies" must be at least 1');
  return { replies, forMs };
}
