import type { CommandIo } from '../shared/server/command-io';

export const MANIFEST: string;
export function compiledEdgeIsFresh(): boolean;
export function loadCompiledEdge(): Promise<((argv: string[], io: CommandIo) => Promise<number>) | undefined>;
export function buildEdgeBundle(outfile: string, define?: Record<string, string>): Promise<void>;
