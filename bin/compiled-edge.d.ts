import type { CommandIo } from './main';

export const MANIFEST: string;
export function compiledEdgeIsFresh(): boolean;
export function loadCompiledEdge(): Promise<((argv: string[], io: CommandIo) => Promise<number>) | undefined>;
