// Our side of the dispatcher bench: mtbot's framework read from its TypeScript source. The package
// entry does not export the framework yet, so it is taken from the framework's own entry (which also
// loads reflect-metadata before tsyringe is used).
export * from '../../../packages/mtbot/src/framework/index';
