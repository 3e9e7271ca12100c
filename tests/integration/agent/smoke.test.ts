import { afterAll, beforeAll, expect, it } from 'vitest';
import { qualify, setup, type Env, QUALIFIED_TEXT } from './harness.js';

let env: Env;
beforeAll(async () => (env = await setup()));
afterAll(async () => env.dispose());

it('smoke', async () => {
  const r = await qualify(env, QUALIFIED_TEXT);
  console.log(JSON.stringify({ outcome: r.outcome, cls: r.decision.classification.class, missing: r.decision.missing, events: r.events.map((e) => [e.type, e.data]) }, null, 1).slice(0, 6000));
  expect(r.outcome.run_id).toBeTruthy();
});
