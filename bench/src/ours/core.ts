// Our side of the benches: telegram-mtproto-core's public API, read from its TypeScript source
// (run-ts compiles it on the fly) so a bench measures the tree as it is, without a build step.
// Everything the benches use of ours comes through this one file.
export { aesIgeDecrypt, aesIgeEncrypt } from '../../../packages/core/src/index';
