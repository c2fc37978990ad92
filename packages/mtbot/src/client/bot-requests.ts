// The TL requests of the bot API methods that need no more than their arguments
// (core.telegram.org/api/bots: callback answers, inline results, commands; fetching a message by id).
import type { Api, PeerCache, PeerRef } from 'telegram-mtproto-core';
import type { InlineResult } from './inline-results';
import type { BotCommandDescription, CallbackAnswerOptions, InlineAnswerOptions } from './message-options';

/** Default cache time of inline answers, as the Bot API has it. */
const INLINE_CACHE_SECONDS = 300;

export function callbackAnswerRequest(
  queryId: bigint,
  options: CallbackAnswerOptions,
): Api.MessagesSetBotCallbackAnswerRequest {
  return {
    _: 'messages.setBotCallbackAnswer',
    query_id: queryId,
    cache_time: options.cacheTimeSeconds ?? 0,
    ...(options.text !== undefined && { message: options.text }),
    ...(options.alert && { alert: true }),
    ...(options.url !== undefined && { url: options.url }),
  };
}

export function inlineAnswerRequest(
  queryId: bigint,
  results: readonly InlineResult[],
  options: InlineAnswerOptions,
): Api.MessagesSetInlineBotResultsRequest {
  return {
    _: 'messages.setInlineBotResults',
    query_id: queryId,
    results: [...results],
    cache_time: options.cacheTimeSeconds ?? INLINE_CACHE_SECONDS,
    ...(options.personal && { private: true }),
    ...(options.gallery && { gallery: true }),
    ...(options.nextOffset !== undefined && { next_offset: options.nextOffset }),
  };
}

export function setCommandsRequest(
  commands: readonly BotCommandDescription[],
  scope: Api.TypeBotCommandScope,
  langCode: string,
): Api.BotsSetBotCommandsRequest {
  return {
    _: 'bots.setBotCommands',
    scope,
    lang_code: langCode,
    commands: commands.map((command) => ({
      _: 'botCommand',
      command: command.command,
      description: command.description,
    })),
  };
}

/**
 * The request that fetches message `id` of a chat: channels.getMessages for channels and supergroups
 * (undefined while the channel's access hash is unknown), messages.getMessages for the bot's own box.
 */
export function getMessageRequest(
  chat: PeerRef,
  id: number,
  peers: PeerCache,
): Api.ChannelsGetMessagesRequest | Api.MessagesGetMessagesRequest | undefined {
  const ids: Api.TypeInputMessage[] = [{ _: 'inputMessageID', id }];
  if (chat.kind !== 'channel') return { _: 'messages.getMessages', id: ids };
  const channel = peers.inputChannel(chat);
  return channel === undefined ? undefined : { _: 'channels.getMessages', channel, id: ids };
}
