import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseVault, type KeyVault } from './key-vault.ts';

/**
 * The vault on this machine: a JSON file under `.local/`, readable by its owner only, replaced
 * whole by a rename so a reader never sees half of it.
 */
export function fileVault(path: string): KeyVault {
  return {
    async read() {
      try {
        return parseVault(await readFile(path, 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    },
    async write(keys) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
      await chmod(temporary, 0o600);
      await rename(temporary, path);
    },
  };
}
