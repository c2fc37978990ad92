// The state a client keeps of its update sequences (https://core.telegram.org/api/updates,
// "Fetching state"): pts, qts, seq and date of the common state, and each channel's pts.

/** The updates state as stored: plain JSON (channel ids are decimal strings). */
export interface UpdatesState {
  pts: number;
  qts: number;
  seq: number;
  date: number;
  /** Channel id (decimal) to that channel's pts. */
  channels: Record<string, number>;
}

/**
 * The updates state as the driver stores it (format version 2): with the channels that were behind,
 * whose difference the next start asks at once. A state stored without it (version 1) loads as none.
 */
export interface StoredUpdatesState extends UpdatesState {
  /**
   * Channels (decimal ids) whose pts lies before updates not handled yet (unfinished, held past a
   * gap, a difference in flight or to retry). Their access hashes are in the peers stored with it.
   */
  behindChannels?: readonly string[];
}

/** A deep copy, so a stored snapshot never changes under the storage. */
export function copyUpdatesState(state: UpdatesState): UpdatesState {
  return {
    pts: state.pts,
    qts: state.qts,
    seq: state.seq,
    date: state.date,
    channels: { ...state.channels },
  };
}

/** True when two states are the same, channel by channel. */
export function sameUpdatesState(a: UpdatesState, b: UpdatesState): boolean {
  if (a.pts !== b.pts || a.qts !== b.qts || a.seq !== b.seq || a.date !== b.date) return false;
  const aKeys = Object.keys(a.channels);
  if (aKeys.length !== Object.keys(b.channels).length) return false;
  return aKeys.every((key) => a.channels[key] === b.channels[key]);
}
