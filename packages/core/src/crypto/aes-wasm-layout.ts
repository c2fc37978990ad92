/**
 * Where the AES-IGE WebAssembly module keeps things in its linear memory. Shared by the generator
 * (packages/core/scripts/build-aes-wasm.ts), which bakes these addresses into the code as load offsets,
 * and the runtime in aes-ige-wasm.ts, which fills them. Changing a number here means regenerating.
 */
export const AES_WASM_LAYOUT = {
  /** Four decryption T-tables of 256 little-endian words each (aes-tables.ts). */
  tables: 0,
  /** The inverse S-box, 256 bytes. */
  inverseSbox: 4096,
  /** Decryption round keys, up to 15 rounds of 4 words (AES-256). */
  roundKeys: 4352,
  /** The 32-byte IGE iv: c_{-1} then m_{-1}, as 8 little-endian words. */
  iv: 4608,
  /** First byte of the data being decrypted in place; it runs to the end of memory. */
  data: 4672,
} as const;
