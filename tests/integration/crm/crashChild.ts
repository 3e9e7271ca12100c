// Child process of the crash test: opens the store, runs one write-back against the test server
// and is killed by the parent while the server holds the response.
import { writeBack } from '../../../src/core/crm/writeback.js';
import type { WritebackItem } from '../../../src/contract/index.js';
import { openTestStore, testConnector } from './helpers.js';

const [dbPath, url, token, itemsJson] = process.argv.slice(2);
const store = openTestStore(dbPath);
const hs = testConnector({ url: url ?? '', token: token ?? '' }, { timeoutMs: 60_000 });
const items = JSON.parse(itemsJson ?? '[]') as WritebackItem[];
process.send?.({ ready: true });
await writeBack(store.ctx, hs, items);
process.send?.({ finished: true });
