import { fileURLToPath } from 'node:url';

/** The sample knowledge base of Harbor Analytics (the seller of the evaluation SPEC); demo and tests ingest it. */
export const SAMPLE_KB_DIR = fileURLToPath(new URL('./sample-kb/', import.meta.url));
