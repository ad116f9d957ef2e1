import { SIGNING_VAULT_SETTINGS, type Env } from '../config/settings.ts';
import { fileVault } from './file-vault.ts';
import type { KeyVault } from './key-vault.ts';
import { secretVault } from './secret-vault.ts';

/** The vault the environment names: the file under `.local/` locally, the secret in the cloud. */
export function vaultFromEnv(env: Env): KeyVault {
  const { file, secretArn } = SIGNING_VAULT_SETTINGS.read(env);
  return file ? fileVault(file) : secretVault(secretArn!);
}
