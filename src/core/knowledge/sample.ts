import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// main/build.mjs defines this in the Electron bundle (CommonJS, where import.meta.url is empty) and
// copies the folder next to the bundle; from source (tsx, vitest) the folder sits beside this file.
declare const __SAMPLE_KB_DIRNAME__: string | undefined;

/** The sample knowledge base of Harbor Analytics (the seller of the evaluation SPEC); demo and tests ingest it. */
export const SAMPLE_KB_DIR =
  typeof __SAMPLE_KB_DIRNAME__ === 'string' ? join(__dirname, __SAMPLE_KB_DIRNAME__) : fileURLToPath(new URL('./sample-kb/', import.meta.url));
