import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EnvSecretStore, FileSecretStore, MemorySecretStore, scrubSecret, type SecretStore } from '../../../src/core/secrets.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'secrets-'));
  dirs.push(d);
  return d;
};

/** The contract every store keeps, whichever host it serves. */
function contract(make: () => SecretStore) {
  const s = make();
  expect(s.get('crm.hubspot.token')).toBeNull();
  s.set('crm.hubspot.token', 'pat-1');
  s.set('llm.api_key', 'sk-2');
  expect(s.get('crm.hubspot.token')).toBe('pat-1');
  s.set('crm.hubspot.token', 'pat-3');
  expect(s.get('crm.hubspot.token')).toBe('pat-3');
  s.delete('crm.hubspot.token');
  s.delete('never.set');
  expect(s.get('crm.hubspot.token')).toBeNull();
  expect(s.get('llm.api_key')).toBe('sk-2');
}

describe('one SecretStore for keys and tokens', () => {
  it('memory, environment and file stores keep the same contract', () => {
    contract(() => new MemorySecretStore());
    contract(() => new EnvSecretStore({}));
    contract(() => new FileSecretStore(join(tmp(), 'nested', 'secrets.json')));
  });

  it('memory store starts from the given values', () => {
    expect(new MemorySecretStore({ 'llm.api_key': 'sk-a' }).get('llm.api_key')).toBe('sk-a');
  });

  it('environment store: reads upper-cased names, ignores blanks, and a delete hides the variable', () => {
    const s = new EnvSecretStore({ OPENAI_API_KEY: 'sk-env', BLANK: '  ' });
    expect(s.get('openai_api_key')).toBe('sk-env');
    expect(s.get('blank')).toBeNull();
    s.delete('openai_api_key');
    expect(s.get('openai_api_key')).toBeNull();
  });

  it('file store: owner-only permissions, survives a new instance, damaged file is a clear error', () => {
    const path = join(tmp(), 'secrets.json');
    new FileSecretStore(path).set('crm.hubspot.token', 'pat-file');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(new FileSecretStore(path).get('crm.hubspot.token')).toBe('pat-file');
    expect(readFileSync(path, 'utf8')).not.toContain('\n');
    writeFileSync(path, '{not json');
    expect(() => new FileSecretStore(path).get('crm.hubspot.token')).toThrow(/secret file .* is damaged/);
    writeFileSync(path, '{"crm.hubspot.token": 42}');
    expect(() => new FileSecretStore(path).get('crm.hubspot.token')).toThrow(/damaged/);
  });

  it('scrubs a secret out of a message, leaving short or absent secrets alone', () => {
    expect(scrubSecret('401 for token pat-abcdef (pat-abcdef)', 'pat-abcdef')).toBe('401 for token [redacted] ([redacted])');
    expect(scrubSecret('abc', null)).toBe('abc');
    expect(scrubSecret('a b c', 'b')).toBe('a b c');
  });
});
