import { getHeapStatistics } from 'node:v8';
import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import type { WriterHeap } from '../ingest/writer-protocol';

/**
 * Where the edge's memory goes, on `/metrics` as `galley_memory_bytes{part}`, read at
 * scrape time: the resident set, the main thread's V8 heap (used and reserved),
 * memory V8 tracks outside its heap (Buffers: sockets, MQTT packets), the writer
 * thread's own heap, and the rest of the resident set (code, SQLite's page caches,
 * allocator slack), which is what none of the others explain.
 */
export function registerMemoryMetrics(
  metrics: MetricsRegistry,
  writerHeap: () => WriterHeap | undefined,
): void {
  metrics.gauge('galley_memory_bytes', 'Memory of the edge process by part', ['part'], {
    collect: () => {
      const usage = process.memoryUsage();
      const heap = getHeapStatistics();
      const writer = writerHeap();
      const explained = heap.total_heap_size + usage.external + (writer?.totalBytes ?? 0);
      return [
        { labels: { part: 'rss' }, value: usage.rss },
        { labels: { part: 'main_heap_used' }, value: heap.used_heap_size },
        { labels: { part: 'main_heap_reserved' }, value: heap.total_heap_size },
        { labels: { part: 'external' }, value: usage.external },
        { labels: { part: 'array_buffers' }, value: usage.arrayBuffers },
        { labels: { part: 'writer_heap_used' }, value: writer?.usedBytes ?? 0 },
        { labels: { part: 'writer_heap_reserved' }, value: writer?.totalBytes ?? 0 },
        { labels: { part: 'native_other' }, value: Math.max(0, usage.rss - explained) },
      ];
    },
  });
}
