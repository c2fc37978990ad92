import type { Api } from 'telegram-mtproto-core';
import type { ChatAction } from './message-options';

/** The TL action of a short name (core.telegram.org/api/typing-notifications); TL objects pass through. */
export function chatActionOf(action: ChatAction): Api.TypeSendMessageAction {
  if (typeof action !== 'string') return action;
  switch (action) {
    case 'typing':
      return { _: 'sendMessageTypingAction' };
    case 'cancel':
      return { _: 'sendMessageCancelAction' };
    case 'uploadPhoto':
      return { _: 'sendMessageUploadPhotoAction', progress: 0 };
    case 'uploadDocument':
      return { _: 'sendMessageUploadDocumentAction', progress: 0 };
    case 'uploadVideo':
      return { _: 'sendMessageUploadVideoAction', progress: 0 };
    case 'recordVoice':
      return { _: 'sendMessageRecordAudioAction' };
    case 'chooseSticker':
      return { _: 'sendMessageChooseStickerAction' };
  }
}
