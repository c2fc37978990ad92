import type { Api } from 'telegram-mtproto-core';
import { mediaKindOf } from '../../src/updates/media-kind';

function documentWith(...attributes: Api.TypeDocumentAttribute[]): Api.MessageMediaDocument {
  return {
    _: 'messageMediaDocument',
    document: {
      _: 'document',
      id: 1n,
      access_hash: 2n,
      file_reference: new Uint8Array(),
      date: 0,
      mime_type: 'application/octet-stream',
      size: 10n,
      dc_id: 2,
      attributes,
    },
  };
}

describe('mediaKindOf', () => {
  it('tells documents apart by their attributes', () => {
    expect(mediaKindOf(undefined)).toBe('text');
    expect(mediaKindOf({ _: 'messageMediaEmpty' })).toBe('text');
    // A text with a link preview is still a text.
    expect(mediaKindOf({ _: 'messageMediaWebPage', webpage: { _: 'webPageEmpty', id: 1n } })).toBe('text');
    expect(mediaKindOf(documentWith({ _: 'documentAttributeFilename', file_name: 'a.pdf' }))).toBe(
      'document',
    );
    expect(mediaKindOf(documentWith({ _: 'documentAttributeAudio', voice: true, duration: 1 }))).toBe(
      'voice',
    );
    expect(mediaKindOf(documentWith({ _: 'documentAttributeAudio', duration: 1 }))).toBe('audio');
    expect(
      mediaKindOf(
        documentWith({ _: 'documentAttributeVideo', round_message: true, duration: 1, w: 1, h: 1 }),
      ),
    ).toBe('videoNote');
    expect(mediaKindOf(documentWith({ _: 'documentAttributeVideo', duration: 1, w: 1, h: 1 }))).toBe('video');
    expect(
      mediaKindOf(
        documentWith(
          { _: 'documentAttributeVideo', duration: 1, w: 1, h: 1 },
          { _: 'documentAttributeAnimated' },
        ),
      ),
    ).toBe('animation');
    expect(mediaKindOf({ _: 'messageMediaGeo', geo: { _: 'geoPointEmpty' } })).toBe('location');
    expect(mediaKindOf({ _: 'messageMediaUnsupported' })).toBe('other');
  });
});
