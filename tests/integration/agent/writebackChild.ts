// Child process for the crash test: reviews a proposal and kills itself at a chosen point.
import { reviewProposal, type WritebackHooks } from '../../../src/core/agent/review.js';
import { fieldsOf } from '../../../src/core/agent/review.js';
import { createStoreContext } from '../../../src/core/store/context.js';
import * as proposals from '../../../src/core/store/proposals.js';

const [dbPath, proposalId, point] = process.argv.slice(2) as [string, string, keyof WritebackHooks | 'none'];
const ctx = createStoreContext(dbPath);
const die = () => process.kill(process.pid, 'SIGKILL');
const hooks: WritebackHooks = point === 'none' ? {} : { [point]: die };
const p = proposals.get(ctx, proposalId)!;
const r = reviewProposal(ctx, { id: proposalId, verdicts: fieldsOf(p).map((field) => ({ field, action: 'approve' as const })), reviewer: 'child', hooks });
process.stdout.write(JSON.stringify(r.ok ? { ok: true, written: r.value.written } : r.error));
