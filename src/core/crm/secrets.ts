import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Where tokens live. Electron backs it with safeStorage; the CLI with a 0600 file next to the
 * database. Nothing else (settings, logs, traces, errors) ever holds a token.
 */
export interface SecretStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  delete(key: string): void;
}

export const HUBSPOT_TOKEN_KEY = 'crm.hubspot.token';

/** For tests and one-shot runs. */
export class MemorySecretStore implements SecretStore {
  private readonly m = new Map<string, string>();
  get(key: string): string | null {
    return this.m.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.m.set(key, value);
  }
  delete(key: string): void {
    this.m.delete(key);
  }
}

const FileSchema = z.record(z.string(), z.string());

/** A JSON file only its owner can read; the headless hosts' fallback where no keychain is wired. */
export class FileSecretStore implements SecretStore {
  constructor(private readonly path: string) {}

  private read(): Record<string, string> {
    if (!existsSync(this.path)) return {};
    const r = FileSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
    if (!r.success) throw new Error(`the secret file ${this.path} is damaged; delete it and reconnect`);
    return r.data;
  }

  private write(data: Record<string, string>): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }

  get(key: string): string | null {
    return this.read()[key] ?? null;
  }
  set(key: string, value: string): void {
    this.write({ ...this.read(), [key]: value });
  }
  delete(key: string): void {
    const d = this.read();
    delete d[key];
    this.write(d);
  }
}

/** Replaces any occurrence of a secret in a text (error messages that echo a request). */
export const redact = (text: string, secret: string | null): string =>
  secret && secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
