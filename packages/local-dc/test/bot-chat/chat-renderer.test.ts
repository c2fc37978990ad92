import type { Api } from 'telegram-mtproto-core';
import {
  renderBotEvent,
  renderCallbackAnswer,
  styleEntities,
  summarizeMedia,
} from '../../src/bot-chat/chat-renderer';
import type { StoredDocument, StoredPhoto } from '../../src/world/media-records';
import type { StoredMessage } from '../../src/world/records';

const plain = { color: false, botName: 'bot' };

function botMessage(fields: Partial<StoredMessage>): StoredMessage {
  return {
    id: 7,
    ownerId: 1n,
    peerId: 2n,
    out: false,
    fromId: 2n,
    text: '',
    date: 0,
    editDate: undefined,
    counterpart: { ownerId: 2n, messageId: 3 },
    ...fields,
  };
}

const file = { id: 1n, accessHash: 1n, fileReference: new Uint8Array(), dcId: 2, date: 0 };
const photo: StoredPhoto = {
  ...file,
  kind: 'photo',
  width: 800,
  height: 600,
  sizeType: 'x',
  format: 'jpeg',
  bytes: new Uint8Array(2048),
};
const document: StoredDocument = {
  ...file,
  kind: 'document',
  mimeType: 'application/pdf',
  attributes: [{ _: 'documentAttributeFilename', file_name: 'report.pdf' }],
  bytes: new Uint8Array(10),
};

describe('the chat renderer', () => {
  it('summarizes photos and documents on one line, before the caption', () => {
    expect(summarizeMedia(photo)).toBe('[photo 800×600, 2.0 KB]');
    expect(summarizeMedia(document)).toBe('[document report.pdf, application/pdf, 10 B]');
    expect(
      renderBotEvent(
        { kind: 'message', message: botMessage({ media: photo, text: 'a cat\non a mat' }) },
        plain,
      ),
    ).toBe('bot › [photo 800×600, 2.0 KB]\n      a cat\n      on a mat\n');
  });

  it('marks edits, numbers inline buttons across rows and shows links and removed keyboards', () => {
    const markup: Api.ReplyInlineMarkup = {
      _: 'replyInlineMarkup',
      rows: [
        {
          _: 'keyboardButtonRow',
          buttons: [{ _: 'keyboardButtonCallback', text: 'Yes', data: new Uint8Array([1]) }],
        },
        {
          _: 'keyboardButtonRow',
          buttons: [{ _: 'keyboardButtonUrl', text: 'Docs', url: 'https://example.org' }],
        },
      ],
    };
    expect(
      renderBotEvent({ kind: 'edit', message: botMessage({ text: 'Vote', replyMarkup: markup }) }, plain),
    ).toBe('bot › (edited) Vote\n      [1 Yes]\n      [2 Docs ↗ https://example.org]\n');
    const hide: Api.ReplyKeyboardHide = { _: 'replyKeyboardHide' };
    expect(
      renderBotEvent({ kind: 'message', message: botMessage({ text: 'ok', replyMarkup: hide }) }, plain),
    ).toBe('bot › ok\n      (keyboard removed)\n');
  });

  it('styles entities with ANSI codes only when color is on', () => {
    const entities: Api.TypeMessageEntity[] = [
      { _: 'messageEntityBold', offset: 0, length: 5 },
      { _: 'messageEntityItalic', offset: 3, length: 4 },
    ];
    expect(styleEntities('Hello world', entities)).toBe(
      '\u001b[0m\u001b[1mHel\u001b[0m\u001b[1;3mlo\u001b[0m\u001b[3m w\u001b[0morld',
    );
    expect(renderBotEvent({ kind: 'message', message: botMessage({ text: 'Hello', entities }) }, plain)).toBe(
      'bot › Hello\n',
    );
  });

  it('prints toasts and alerts; an empty answer prints nothing', () => {
    const answer = { alert: false, message: undefined, url: undefined, cacheTime: 0 };
    expect(renderCallbackAnswer(answer, plain)).toBe('');
    expect(renderCallbackAnswer({ ...answer, message: 'Saved', alert: true }, plain)).toBe(
      '· alert: Saved\n',
    );
  });
});
