// Our side of the benches: telegram-mtproto-core read from its TypeScript source (run-ts compiles
// it on the fly), so a bench measures the tree as it is, without a build step. Everything the
// benches use of ours comes through this one file; what the package entry does not export yet is
// taken from the module that defines it.
export { aesIgeDecrypt, aesIgeEncrypt, factorizePq } from '../../../packages/core/src/index';
export { decodeApi, encodeApi } from '../../../packages/core/src/tl/tl-codec';
