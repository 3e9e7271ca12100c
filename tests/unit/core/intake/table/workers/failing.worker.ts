// An import worker whose preparing fails after two batches: the import must roll back.
import { serveJobs } from '../../../../../../src/core/intake/table/jobs.js';
import { prepareLeads } from '../../../../../../src/core/intake/table/prepare.js';

serveJobs((text, plan, parsers, emit) => {
  let batches = 0;
  prepareLeads(text, plan, parsers, (b) => {
    if (++batches === 3) throw new Error('boom in batch 3');
    emit(b);
  });
});
