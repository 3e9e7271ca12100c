import { safeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Secrets (API keys, CRM tokens) encrypted with the OS keychain through safeStorage, one file in userData. */
export function secretFile(userData: string) {
  const file = join(userData, 'secrets.bin');
  const readAll = (): Record<string, string> => {
    if (!existsSync(file) || !safeStorage.isEncryptionAvailable()) return {};
    try {
      return JSON.parse(safeStorage.decryptString(readFileSync(file))) as Record<string, string>;
    } catch {
      return {};
    }
  };
  return {
    readAll,
    set(name: string, value: string | null): boolean {
      // Without OS encryption the key is kept for this session only rather than written in clear.
      if (!safeStorage.isEncryptionAvailable()) return false;
      const all = readAll();
      if (value === null) delete all[name];
      else all[name] = value;
      writeFileSync(file, safeStorage.encryptString(JSON.stringify(all)), { mode: 0o600 });
      return true;
    },
  };
}
