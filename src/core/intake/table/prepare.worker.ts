// The import worker's entry (see worker.ts): prepares the rows of large tables off the main thread.
import { serveJobs } from './jobs.js';
import { prepareLeads } from './prepare.js';

serveJobs(prepareLeads);
