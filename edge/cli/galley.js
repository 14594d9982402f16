#!/usr/bin/env node
// The `galley` program. Sources are TypeScript run through tsx's loader, so a
// checkout needs no build step before `npx galley …` works.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
