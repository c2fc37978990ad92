/**
 * Control API routes of media: a user sends a photo or a document (its bytes in base64) to a bot or
 * any account. The file is stored on the user's home DC, as if their app had uploaded it.
 */
import type { LocalDc } from '../local-dc';
import type { MessageMedium } from '../world/media-records';
import { ControlInputError, messageJson, optionalString, requiredId, requiredString } from './control-json';
import type { Route } from './control-routes';

function mediaRoute(kind: 'photo' | 'document'): Route {
  return (dc: LocalDc, { fields }) => {
    const base64 = requiredString(fields, 'base64');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0 || base64 === '') {
      throw new ControlInputError('"base64" must be the file in non-empty standard base64');
    }
    const input = {
      fromUserId: requiredId(fields, 'fromUserId'),
      toUserId: requiredId(fields, 'toUserId'),
      bytes: base64,
      caption: optionalString(fields, 'caption'),
      fileName: optionalString(fields, 'fileName'),
      mimeType: optionalString(fields, 'mimeType'),
    };
    const message = kind === 'photo' ? dc.sendUserPhoto(input) : dc.sendUserDocument(input);
    return { status: 201, body: { message: { ...messageJson(message), media: mediaJson(message.media) } } };
  };
}

function mediaJson(media: MessageMedium | undefined) {
  // These routes send files only; a link preview is never their medium.
  if (media === undefined || media.kind === 'webpage') return undefined;
  return {
    kind: media.kind,
    id: media.id.toString(),
    accessHash: media.accessHash.toString(),
    dcId: media.dcId,
    size: media.bytes.length,
  };
}

export const MEDIA_ROUTES: Readonly<Record<string, Route>> = {
  'POST /photos': mediaRoute('photo'),
  'POST /documents': mediaRoute('document'),
};
