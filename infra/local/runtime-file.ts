import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive } from './lifecycle.ts';
import type { LocalResources } from './runtime.ts';

/** What a running `npm start` tells other local commands (`npm run job`): where its engines listen. */
export interface RuntimeFile {
  pid: number;
  url: string;
  resources: LocalResources;
}

const fileIn = (dataDir: string) => join(dataDir, 'runtime.json');

/** The running register's file, or undefined if none runs (a stale file from a crash is ignored). */
export function readRuntimeFile(dataDir: string): RuntimeFile | undefined {
  const file = fileIn(dataDir);
  if (!existsSync(file)) return undefined;
  try {
    const runtime = JSON.parse(readFileSync(file, 'utf8')) as RuntimeFile;
    return alive(runtime.pid) && runtime.resources ? runtime : undefined;
  } catch {
    return undefined; // half-written by a crash
  }
}

export function writeRuntimeFile(dataDir: string, runtime: RuntimeFile): void {
  writeFileSync(fileIn(dataDir), JSON.stringify(runtime, null, 2), { mode: 0o600 });
}

export function removeRuntimeFile(dataDir: string): void {
  rmSync(fileIn(dataDir), { force: true });
}
