/**
 * A small bot over core's MtprotoClient for the bot chat tests (local-dc cannot use mtbot): it logs in
 * as the DC's bot and answers what the users send with `onText` and button presses with `onPress`.
 */
import { decodeApi, type Api, type MtprotoClient } from 'telegram-mtproto-core';
import type { LocalDc } from '../../src/local-dc';
import { createClient, loginBot } from '../local-dc-harness';

/** What the bot can do in a handler: answer in the user's chat. */
export interface BotActions {
  /** Resolves with the message's id in the bot's box. */
  send(text: string, markup?: Api.TypeReplyMarkup): Promise<number>;
  edit(messageId: number, text: string, markup?: Api.TypeReplyMarkup): Promise<void>;
  /** Uploads `bytes` in one part and sends them as a document with a file name and a caption. */
  sendDocument(fileName: string, mimeType: string, bytes: Uint8Array, caption: string): Promise<void>;
}

export interface ScriptedBotHandlers {
  onText(text: string, bot: BotActions, media: Api.TypeMessageMedia | undefined): Promise<void>;
  /** Returns the toast text (or undefined for a silent answer). */
  onPress?(data: string, messageId: number, bot: BotActions): Promise<string | undefined>;
}

/** A 1×1 PNG: the smallest photo the DC accepts. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export const inlineKeyboard = (...rows: Array<Array<[string, string]>>): Api.ReplyInlineMarkup => ({
  _: 'replyInlineMarkup',
  rows: rows.map((buttons) => ({
    _: 'keyboardButtonRow',
    buttons: buttons.map(([text, data]) => ({
      _: 'keyboardButtonCallback',
      text,
      data: new TextEncoder().encode(data),
    })),
  })),
});

export async function startScriptedBot(dc: LocalDc, handlers: ScriptedBotHandlers): Promise<MtprotoClient> {
  const client = createClient(dc);
  let randomId = 1n;
  const actionsFor = (userId: bigint): BotActions => {
    const user = dc.world.account(userId)!;
    const peer: Api.InputPeerUser = { _: 'inputPeerUser', user_id: user.id, access_hash: user.accessHash };
    return {
      send: async (text, markup) => {
        const sent = await client.invoke({
          _: 'messages.sendMessage',
          peer,
          message: text,
          random_id: randomId++,
          ...(markup === undefined ? {} : { reply_markup: markup }),
        });
        if (sent._ === 'updateShortSentMessage') return sent.id;
        const added = (sent as Api.Updates).updates.find((update) => update._ === 'updateMessageID');
        return (added as Api.UpdateMessageID).id;
      },
      sendDocument: async (fileName, mimeType, bytes, caption) => {
        const fileId = randomId++;
        await client.invoke({ _: 'upload.saveFilePart', file_id: fileId, file_part: 0, bytes });
        await client.invoke({
          _: 'messages.sendMedia',
          peer,
          media: {
            _: 'inputMediaUploadedDocument',
            file: { _: 'inputFile', id: fileId, parts: 1, name: fileName, md5_checksum: '' },
            mime_type: mimeType,
            attributes: [{ _: 'documentAttributeFilename', file_name: fileName }],
          },
          message: caption,
          random_id: randomId++,
        });
      },
      edit: async (messageId, text, markup) => {
        await client.invoke({
          _: 'messages.editMessage',
          peer,
          id: messageId,
          message: text,
          ...(markup === undefined ? {} : { reply_markup: markup }),
        });
      },
    };
  };
  const handle = async (update: Api.TypeUpdate | Api.UpdateShortMessage): Promise<void> => {
    if (update._ === 'updateShortMessage' && !update.out) {
      await handlers.onText(update.message, actionsFor(update.user_id), undefined);
    } else if (update._ === 'updateNewMessage' && update.message._ === 'message' && !update.message.out) {
      const from = update.message.peer_id;
      if (from._ !== 'peerUser') return;
      await handlers.onText(update.message.message, actionsFor(from.user_id), update.message.media);
    } else if (update._ === 'updateBotCallbackQuery') {
      const data = new TextDecoder().decode(update.data);
      const toast = await handlers.onPress?.(data, update.msg_id, actionsFor(update.user_id));
      await client.invoke({
        _: 'messages.setBotCallbackAnswer',
        query_id: update.query_id,
        cache_time: 0,
        ...(toast === undefined ? {} : { message: toast }),
      });
    }
  };
  client.on('update', (body) => {
    const updates = decodeApi(body) as Api.TypeUpdates;
    const list =
      updates._ === 'updates' ? updates.updates : updates._ === 'updateShortMessage' ? [updates] : [];
    for (const update of list) void handle(update).catch(() => undefined);
  });
  await loginBot(client, dc.info.botToken);
  return client;
}
