import mqemitter from 'mqemitter';

/** Placeholder until the recursion guard lands. */
export function createMessageRouter() {
  return mqemitter({ concurrency: 100, matchEmptyLevels: true });
}
