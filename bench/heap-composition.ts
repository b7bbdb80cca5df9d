import type { CDPSession } from '@playwright/test';

/**
 * Splits the page's heap into compiled code and everything else, from a heap snapshot taken
 * after a forced GC. Why: V8 keeps tiering functions up (baseline, Maglev, TurboFan) for an
 * hour or more of a chart's updates, and that code counts in the used heap. A leak is objects
 * that stay reachable, so "flat" is judged on the heap without the code, and the code's
 * growth is reported beside it.
 */

/** Heap after GC, MB: compiled code (V8's "code" nodes) and all other nodes. */
export interface HeapComposition {
  readonly codeMb: number;
  readonly objectsMb: number;
}

interface SnapshotJson {
  readonly snapshot: { readonly meta: { node_fields: string[]; node_types: [string[]] } };
  readonly nodes: number[];
}

const MB = 1024 * 1024;

/** Takes a snapshot over `cdp` (HeapProfiler must be enabled) and sums its nodes by kind. */
export async function heapComposition(cdp: CDPSession): Promise<HeapComposition> {
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }): void => {
    chunks.push(e.chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snap = JSON.parse(chunks.join('')) as SnapshotJson;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  let code = 0;
  let other = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const size = snap.nodes[i + sizeAt] ?? 0;
    if (types[snap.nodes[i + typeAt] ?? -1] === 'code') code += size;
    else other += size;
  }
  return { codeMb: code / MB, objectsMb: other / MB };
}
