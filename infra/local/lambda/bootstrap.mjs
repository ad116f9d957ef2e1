// Entry of a function's worker thread: TypeScript support first (the worker does not inherit
// the main thread's loader), then the sandbox itself.
import { register } from 'tsx/esm/api';

register();
await import('./sandbox-worker.ts');
