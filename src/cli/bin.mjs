#!/usr/bin/env node
// The package's `sales-copilot` command: runs the TypeScript CLI through tsx's loader, so an
// installed copy needs no separate build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
