import type { Api, StoredDcOption } from 'telegram-mtproto-core';

/** Where a DC listens. */
export interface DcEndpoint {
  readonly dcId: number;
  readonly host: string;
  readonly port: number;
}

/** help.getConfig's dc_options in storage form (SessionStorageKeys.dcOptions). */
export function storedDcOptions(config: Api.TypeConfig): StoredDcOption[] {
  return config.dc_options.map((option) => ({
    id: option.id,
    host: option.ip_address,
    port: option.port,
    ipv6: option.ipv6 === true,
    mediaOnly: option.media_only === true,
    tcpoOnly: option.tcpo_only === true,
    cdn: option.cdn === true,
    isStatic: option.static === true,
    ...(option.secret !== undefined && { secret: option.secret }),
  }));
}

/**
 * The address to use for `dcId` (core.telegram.org/api/datacenter): IPv4, not a CDN, not TCPO-only;
 * a media-only address only when `media` is asked and one exists, else a regular one.
 */
export function pickDcEndpoint(
  options: readonly StoredDcOption[],
  dcId: number,
  media = false,
): DcEndpoint | undefined {
  const usable = options.filter(
    (option) => option.id === dcId && !option.ipv6 && !option.cdn && !option.tcpoOnly,
  );
  const preferred =
    usable.find((option) => option.mediaOnly === media) ?? usable.find((option) => !option.mediaOnly);
  return preferred === undefined ? undefined : { dcId, host: preferred.host, port: preferred.port };
}
