import type { Counter } from './counter';
import type { Gauge } from './gauge';
import type { Histogram } from './histogram';
import type { MetricsRegistry } from './metrics-registry';

/** How handling an update ended, for `mtbot_updates_handled_total{outcome}`. */
export type UpdateOutcome = 'handled' | 'unhandled' | 'error' | 'dropped';

/**
 * The metrics issue 6 names for a bot, registered on one registry. Parts of mtbot (dispatcher, send
 * scheduler, client) record into them; their label values come from small fixed sets (update kinds,
 * outcomes, DC ids), which keeps cardinality bounded.
 */
export interface BotMetrics {
  /** Updates handled, by update kind (`message`, `callback_query`, ...) and {@link UpdateOutcome}. */
  readonly updatesHandled: Counter<'kind' | 'outcome'>;
  /** Time from an update's dispatch to its handler's end, in seconds, by update kind. */
  readonly handlerLatency: Histogram<'kind'>;
  /** FLOOD_WAIT answers received, by the method that got them. */
  readonly floodWaits: Counter<'method'>;
  /** Seconds spent waiting because of FLOOD_WAIT answers, by method. */
  readonly floodWaitSeconds: Counter<'method'>;
  /** Reconnections of the client, by DC id. */
  readonly reconnects: Counter<'dc'>;
  /** Handlers running now. */
  readonly handlersInFlight: Gauge;
}

/**
 * Declares the bot metrics on `registry` (names prefixed `mtbot_`).
 *
 * @example
 * ```ts
 * const metrics = registerBotMetrics(registry)
 * metrics.updatesHandled.inc({ kind: 'message', outcome: 'handled' })
 * metrics.handlerLatency.observe({ kind: 'message' }, seconds)
 * ```
 */
export function registerBotMetrics(registry: MetricsRegistry): BotMetrics {
  return {
    updatesHandled: registry.counter({
      name: 'mtbot_updates_handled_total',
      help: 'Updates handled, by update kind and outcome',
      labelNames: ['kind', 'outcome'],
    }),
    handlerLatency: registry.histogram({
      name: 'mtbot_handler_duration_seconds',
      help: 'Handler latency from dispatch to completion',
      labelNames: ['kind'],
    }),
    floodWaits: registry.counter({
      name: 'mtbot_flood_waits_total',
      help: 'FLOOD_WAIT answers received, by method',
      labelNames: ['method'],
    }),
    floodWaitSeconds: registry.counter({
      name: 'mtbot_flood_wait_seconds_total',
      help: 'Seconds waited because of FLOOD_WAIT, by method',
      labelNames: ['method'],
    }),
    reconnects: registry.counter({
      name: 'mtbot_reconnects_total',
      help: 'Client reconnections, by DC',
      labelNames: ['dc'],
    }),
    handlersInFlight: registry.gauge({ name: 'mtbot_handlers_in_flight', help: 'Handlers running now' }),
  };
}
