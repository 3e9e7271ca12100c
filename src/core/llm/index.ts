export { LlmSettingsSchema, describeSettings, type LlmSettings, type LlmSettingsInput } from './settings.js';
export { MemorySecretStore, EnvSecretStore, maskSecret, type SecretStore } from '../secrets.js';
export { createLlmClient, toLlmError, type LlmClient, type ChatRequest, type ChatResponse, type LlmError, type RawToolCall } from './client.js';
export { redact, restore, restoreDeep, toOriginalOffset, luhnValid, ibanValid, noRedaction, type Redaction, type RedactionKind } from './redact.js';
export { UsageMeter, costOf, addUsage, ZERO_USAGE } from './usage.js';
