/**
 * Where API keys live. Hosts provide the implementation: Electron wraps safeStorage, the CLI reads
 * the environment. Nothing in core writes a key to the database, a log or the trace.
 */
export interface SecretStore {
  get(name: string): string | null | Promise<string | null>;
  set(name: string, value: string): void | Promise<void>;
}

/** Keys held in memory only (tests, one CLI invocation). */
export class MemorySecretStore implements SecretStore {
  readonly #values = new Map<string, string>();
  get(name: string): string | null {
    return this.#values.get(name) ?? null;
  }
  set(name: string, value: string): void {
    this.#values.set(name, value);
  }
}

/**
 * Reads keys from the environment (`openai_api_key` -> `OPENAI_API_KEY`); writes stay in memory
 * because a process cannot persist its environment.
 */
export class EnvSecretStore implements SecretStore {
  readonly #overrides = new MemorySecretStore();
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}
  get(name: string): string | null {
    const v = this.#overrides.get(name) ?? this.env[name.toUpperCase()] ?? null;
    return v && v.trim() !== '' ? v : null;
  }
  set(name: string, value: string): void {
    this.#overrides.set(name, value);
  }
}

/** `sk-...abcd` style hint for a key, for "which key is configured" messages. */
export function maskSecret(value: string): string {
  return value.length <= 8 ? '****' : `${value.slice(0, 3)}...${value.slice(-4)}`;
}
