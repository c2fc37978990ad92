// Public API of telegram-mtproto-core: explicit named exports, grouped by layer. Internals stay
// unexported.

// crypto
export { AesIge, aesIgeDecrypt, aesIgeEncrypt } from './crypto/aes-ige';
