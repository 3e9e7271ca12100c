import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * Where API keys and CRM tokens live. Hosts choose the implementation: the desktop app keeps them
 * encrypted with Electron's safeStorage (main/secrets.ts) and hands the core an in-memory copy;
 * the CLI uses a 0600 file beside the database, or the environment for model keys. Nothing else
 * (settings, the database, logs, traces, error messages) ever holds a secret.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** The name under which the HubSpot private-app token is kept. */
export const HUBSPOT_TOKEN_KEY = 'crm.hubspot.token';

/** Held in memory only: tests, browser mode, one CLI invocation. */
export class MemorySecretStore implements SecretStore {
  readonly #values: Map<string, string>;
  constructor(initial: Record<string, string> = {}) {
    this.#values = new Map(Object.entries(initial));
  }
  get(name: string): string | null {
    return this.#values.get(name) ?? null;
  }
  set(name: string, value: string): void {
    this.#values.set(name, value);
  }
  delete(name: string): void {
    this.#values.delete(name);
  }
}

/**
 * Reads from the environment (`openai_api_key` -> `OPENAI_API_KEY`); writes and deletes stay in
 * memory because a process cannot persist its environment.
 */
export class EnvSecretStore implements SecretStore {
  readonly #overrides = new Map<string, string | null>();
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}
  get(name: string): string | null {
    const v = this.#overrides.has(name) ? this.#overrides.get(name) : this.env[name.toUpperCase()];
    return v && v.trim() !== '' ? v : null;
  }
  set(name: string, value: string): void {
    this.#overrides.set(name, value);
  }
  delete(name: string): void {
    this.#overrides.set(name, null);
  }
}

const FileSchema = z.record(z.string(), z.string());

/** A JSON file only its owner can read: the headless hosts' store where no keychain is wired. */
export class FileSecretStore implements SecretStore {
  constructor(private readonly path: string) {}

  private read(): Record<string, string> {
    if (!existsSync(this.path)) return {};
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.path, 'utf8'));
    } catch {
      raw = null;
    }
    const r = FileSchema.safeParse(raw);
    if (!r.success) throw new Error(`the secret file ${this.path} is damaged; delete it and reconnect`);
    return r.data;
  }

  private write(data: Record<string, string>): void {
    mkdirSync(dirname(this.path), { recursive: true });
    // Written beside and renamed over, so a crash never leaves half a file.
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }

  get(name: string): string | null {
    return this.read()[name] ?? null;
  }
  set(name: string, value: string): void {
    this.write({ ...this.read(), [name]: value });
  }
  delete(name: string): void {
    const d = this.read();
    if (!(name in d)) return;
    delete d[name];
    this.write(d);
  }
}

/** `sk-...abcd` style hint for a key, for "which key is configured" messages. */
export function maskSecret(value: string): string {
  return value.length <= 8 ? '****' : `${value.slice(0, 3)}...${value.slice(-4)}`;
}

/** Replaces every occurrence of a secret in a text (error messages that echo a request). */
export const scrubSecret = (text: string, secret: string | null): string =>
  secret && secret.length >= 4 ? text.split(secret).join('[redacted]') : text;
