export { importTable, type ImportTableInput } from './import.js';
export { prewarmImportWorker } from './worker.js';
export { mapColumns, detectKind, validateOverride } from './mapping.js';
export { parseTable, readRows, detectDelimiter, detectHeaderRow, type ParsedTable } from './parse.js';
export { DEFAULT_EMPTY_VALUES, emptyTester } from './values.js';
export { parseDate } from './dates.js';
export { LEAD_ALIASES, COMPANY_ALIASES, headerKey } from './aliases.js';
