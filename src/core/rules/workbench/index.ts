// The managers' rules workbench (issue 7): what handlers, the CLI and the bench call.
export {
  history,
  getVersion,
  publishedVersion,
  saveDraftVersion,
  publishVersion,
  rollback,
  resolveRuleset,
} from './versions.js';
export type { Published, PublishOptions, VersionRef } from './versions.js';
export { diffRulesets, formatDiff } from './diff.js';
export { whatif, compareRuns, causeOf } from './replay.js';
export type { VersionedRuleset, WhatifOptions } from './replay.js';
export {
  backtest,
  columnAucs,
  aucOf,
  readOutcome,
  isExcluded,
  KNOWN_LEAKING_COLUMNS,
  SUSPICIOUS_AUC,
} from './backtest.js';
export type { BacktestOptions } from './backtest.js';
export { rerunDecisions, storedFacts } from './rerun.js';
export type { RerunResult } from './rerun.js';
export { saveCorrectionCase, listCases, runCases, checkCases, caseFacts } from './corrections.js';
export type { CorrectionInput, StoredCase } from './corrections.js';
export { computeCustomFacts, withCustomFacts, parseCell, lookupColumn } from './customFacts.js';
export { loadFactTable, cachedFactTable } from './factTable.js';
export type { FactTable } from './factTable.js';
export { runKernel } from './kernel.js';
export { leadWhere, parseFilterArgs } from './filter.js';
export { WORKBENCH_MIGRATIONS, hasWorkbenchTables } from './schema.js';
