export { extractWithModel, toFacts, type ModelExtraction, type ModelExtractError, type InvalidEvidence } from './extract.js';
export { ModelOutputSchema, type ModelOutput, type ModelAction } from './schema.js';
export { promptHash, dataMarkers, leadTextOf, userMessage, SYSTEM_PROMPT, PROMPT_VERSION } from './prompt.js';
