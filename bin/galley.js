#!/usr/bin/env node
// The `galley` program. Sources are TypeScript run through tsx's loader, so a
// checkout needs no build step before `npx galley …` works; the edge daemon itself
// runs compiled (see compiled-edge.js), because it is the process a store box keeps
// running and restarts after a power cut.
const [command, ...rest] = process.argv.slice(2);
const compiledEdge =
  command === 'edge' ? await (await import('./compiled-edge.js')).loadCompiledEdge() : undefined;
if (compiledEdge) {
  process.exitCode = await compiledEdge(rest, process);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
