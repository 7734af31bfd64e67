/**
 * The safelist (PERSISTED_QUERIES_SAFELIST=true): the operations of `examples/*.graphql` and of the
 * typed client (examples/web), as committed in `safelist.json` by `npm run safelist`. A test
 * regenerates the manifest and fails when the committed one is stale.
 */
import { readFileSync } from 'node:fs';

export interface SafelistManifest {
  /** One entry per document: where it came from and its hash (see operationHash). */
  operations: Array<{ source: string; name: string; hash: string; tokens?: number }>;
}

export const SAFELIST_PATH = new URL('../../safelist.json', import.meta.url);

export function loadSafelist(path: URL = SAFELIST_PATH): Set<string> {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as SafelistManifest;
  return new Set(manifest.operations.map((o) => o.hash));
}
