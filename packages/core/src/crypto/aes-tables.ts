/**
 * The AES S-boxes and decryption T-tables (FIPS-197, sections 5.1.1 and 5.3.2), computed once when the
 * module loads rather than typed in, so that no table can carry a typo.
 *
 * Words are little-endian: byte `r` of an AES column (its row `r`) sits in bits `8r..8r+7`. That is how
 * both an `Int32Array` over a byte buffer and WebAssembly's `i32.load` read memory on every platform
 * Node.js runs on, so the decryption loops can load whole columns without reordering bytes.
 */

/** Multiplication in GF(2^8) modulo the AES polynomial x^8 + x^4 + x^3 + x + 1. */
function multiply(left: number, right: number): number {
  let product = 0;
  let a = left;
  let b = right;
  while (b !== 0) {
    if (b & 1) product ^= a;
    a = (a << 1) ^ (a & 0x80 ? 0x11b : 0);
    b >>>= 1;
  }
  return product;
}

function buildSubstitutionBoxes(): { forward: Uint8Array; inverse: Uint8Array } {
  // 3 generates the multiplicative group of GF(2^8): walking its powers gives logarithms, from which
  // every non-zero element's inverse follows without a search.
  const exponent = new Uint8Array(256);
  const logarithm = new Uint8Array(256);
  let element = 1;
  for (let power = 0; power < 255; power++) {
    exponent[power] = element;
    logarithm[element] = power;
    element = multiply(element, 3);
  }
  const forward = new Uint8Array(256);
  const inverse = new Uint8Array(256);
  for (let value = 0; value < 256; value++) {
    const reciprocal = value === 0 ? 0 : exponent[(255 - logarithm[value]) % 255];
    // The affine map of FIPS-197 5.1.1: b ^ rotl(b,1) ^ rotl(b,2) ^ rotl(b,3) ^ rotl(b,4) ^ 0x63.
    let mixed = reciprocal;
    for (let shift = 1; shift <= 4; shift++) {
      mixed ^= ((reciprocal << shift) | (reciprocal >>> (8 - shift))) & 0xff;
    }
    const substituted = mixed ^ 0x63;
    forward[value] = substituted;
    inverse[substituted] = value;
  }
  return { forward, inverse };
}

const boxes = buildSubstitutionBoxes();

/** The AES S-box (SubBytes). */
export const SBOX: Uint8Array = boxes.forward;

/** The inverse S-box (InvSubBytes), used by the last decryption round. */
export const INVERSE_SBOX: Uint8Array = boxes.inverse;

function rotateLeft(word: number, bits: number): number {
  return (word << bits) | (word >>> (32 - bits)) | 0;
}

function buildDecryptionTables(): Int32Array[] {
  // Table 0 maps a byte b in row 0 to InvMixColumns applied to the column (InvSubBytes(b), 0, 0, 0):
  // rows 0..3 get 0e·s, 09·s, 0d·s, 0b·s. A byte in row r gives the same column rotated down r rows,
  // which in little-endian words is a rotation left by 8r bits.
  const tables = [new Int32Array(256), new Int32Array(256), new Int32Array(256), new Int32Array(256)];
  for (let value = 0; value < 256; value++) {
    const s = INVERSE_SBOX[value];
    const column =
      multiply(s, 0x0e) | (multiply(s, 0x09) << 8) | (multiply(s, 0x0d) << 16) | (multiply(s, 0x0b) << 24);
    for (let row = 0; row < 4; row++) tables[row][value] = rotateLeft(column, 8 * row);
  }
  return tables;
}

/**
 * Decryption T-tables: `DECRYPTION_TABLES[r][b]` is the contribution of byte `b` in row `r` to a column
 * after InvSubBytes and InvMixColumns, as a little-endian word.
 */
export const DECRYPTION_TABLES: readonly Int32Array[] = buildDecryptionTables();
