// The semantics layer: what the syntax means (stages, scopes, resolution). Depends on syntax and
// facts only; knows nothing about LSP.
export * from './model';
export { foldName } from './caseFoldedScope';
export * from './imageReference';
export * from './stageIndex';
export * from './stageDependencies';
export { baseImageEnv, type BaseImageEnv } from './imageEnv';
