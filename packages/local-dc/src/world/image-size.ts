/**
 * Width and height of a JPEG or PNG, read from its header, so an uploaded photo can be described the
 * way Telegram describes it (photoSize w/h). Anything else is not a picture Telegram would accept as a
 * photo (it answers IMAGE_PROCESS_FAILED).
 */
export interface ImageSize {
  readonly format: 'jpeg' | 'png';
  readonly width: number;
  readonly height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // PNG: signature, then the IHDR chunk (length, "IHDR", width, height).
  if (bytes.length >= 24 && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) {
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    return width > 0 && height > 0 ? { format: 'png', width, height } : undefined;
  }
  // JPEG: SOI, then segments until a start-of-frame (SOF0..SOF15 but DHT, JPG and DAC).
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 <= bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1]!;
      if (marker === 0xff) {
        offset += 1; // fill byte
        continue;
      }
      const length = view.getUint16(offset + 2);
      const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (isFrame) {
        const height = view.getUint16(offset + 5);
        const width = view.getUint16(offset + 7);
        return width > 0 && height > 0 ? { format: 'jpeg', width, height } : undefined;
      }
      if (length < 2) return undefined;
      offset += 2 + length;
    }
  }
  return undefined;
}

/**
 * The photoSize type Telegram gives its largest copy of a picture whose longer side is `side` pixels
 * (core.telegram.org/api/files#image-thumbnail-types): m up to 320, x up to 800, y up to 1280, w above.
 */
export function photoSizeType(side: number): string {
  if (side <= 320) return 'm';
  if (side <= 800) return 'x';
  if (side <= 1280) return 'y';
  return 'w';
}
