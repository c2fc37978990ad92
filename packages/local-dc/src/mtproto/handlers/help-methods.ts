/** help.*: how the DC describes itself (core.telegram.org/method/help.getConfig). */
import type { Api } from 'telegram-mtproto-core';
import type { MethodHandlers } from '../call-context';
import { MESSAGE_LENGTH_MAX } from '../../world/world';

/** How long a client may cache the config, in seconds. */
const CONFIG_LIFETIME_SECONDS = 3600;

export const helpMethods: MethodHandlers = {
  'help.getConfig': (_request, { dc, dcs, world }): Api.Config => {
    const date = world.now();
    return {
      _: 'config',
      date,
      expires: date + CONFIG_LIFETIME_SECONDS,
      test_mode: false,
      this_dc: dc.dcId,
      // Every DC of the emulator, on the ports it really listens on (core.telegram.org/api/datacenter).
      dc_options: dcs.addresses.map((address) => ({
        _: 'dcOption' as const,
        static: true,
        id: address.dcId,
        ip_address: address.host,
        port: address.port,
      })),
      dc_txt_domain_name: '',
      chat_size_max: 200,
      megagroup_size_max: 200_000,
      forwarded_count_max: 100,
      online_update_period_ms: 210_000,
      offline_blur_timeout_ms: 5_000,
      offline_idle_timeout_ms: 30_000,
      online_cloud_timeout_ms: 300_000,
      notify_cloud_delay_ms: 30_000,
      notify_default_delay_ms: 1_500,
      push_chat_period_ms: 60_000,
      push_chat_limit: 2,
      edit_time_limit: 172_800,
      revoke_time_limit: 2_147_483_647,
      revoke_pm_time_limit: 2_147_483_647,
      rating_e_decay: 2_419_200,
      stickers_recent_limit: 200,
      channels_read_media_period: 604_800,
      call_receive_timeout_ms: 20_000,
      call_ring_timeout_ms: 90_000,
      call_connect_timeout_ms: 30_000,
      call_packet_timeout_ms: 10_000,
      me_url_prefix: 'https://t.me/',
      caption_length_max: 1024,
      message_length_max: MESSAGE_LENGTH_MAX,
      webfile_dc_id: dc.dcId,
    };
  },
  'help.getNearestDc': (_request, { dc }): Api.NearestDc => ({
    _: 'nearestDc',
    // "ZZ" is the ISO 3166 code for an unknown region: the emulator has no geography.
    country: 'ZZ',
    this_dc: dc.dcId,
    nearest_dc: dc.dcId,
  }),
};
