/**
 * The hot front of the full-response cache: the exact bytes of responses Apollo has just served as a
 * response-cache HIT, kept in this process and keyed by the raw request, so the next identical request
 * is answered before Apollo runs (no HeaderMap, no plugins, no JSON parse of the body).
 *
 * It only remembers what the response cache decided: an entry is made from a HIT (a response of
 * finished runs only, no errors, no warnings; see response-cache.ts), and it lives no longer than that
 * entry (its max-age, capped by CACHE_FINISHED_TTL_SECONDS, from the time the HIT says it was stored).
 * The key is everything the answer depends on once CORS, authentication and the rate limit have run
 * (graphql-route.ts): the raw JSON body (document, operation name, variables, extensions), the
 * `Accept` header (it picks the media type) and the caller's cache scope (response-cache.ts, sessionOf).
 * Only plain POSTs of `application/json` are eligible: Apollo's CSRF check always admits them, and a
 * GET's landing page or query string never meets this path. Bounded by entries and entry size.
 */
import type { HTTPGraphQLResponse } from '@apollo/server';

export interface HotResponse {
  body: string;
  /** The response's headers except `age`, which is worked out per answer. */
  headers: Array<[string, string]>;
  operationName: string | null;
  /** When the response cache stored it (ms), as its `age` said; when this copy stops serving (ms). */
  storedAt: number;
  expiresAt: number;
}

export interface HotResponsesOptions {
  /** CACHE_FINISHED_TTL_SECONDS: no entry outlives it, whatever its max-age. */
  maxTtlSeconds: number;
  maxEntries?: number;
  maxBodyBytes?: number;
}

const MAX_AGE = /(?:^|,)\s*max-age=(\d+)/i;

export class HotResponses {
  private readonly entries = new Map<string, HotResponse>();
  private readonly maxEntries: number;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: HotResponsesOptions) {
    this.maxEntries = options.maxEntries ?? 1_000;
    this.maxBodyBytes = options.maxBodyBytes ?? 64 * 1024;
  }

  /** The key of a request; `scope` is the caller's cache scope ('' when anonymous). */
  static key(scope: string, accept: string | undefined, body: string): string {
    return `${scope}\n${accept ?? ''}\n${body}`;
  }

  get(key: string, now = Date.now()): HotResponse | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Remembers a response if it is a whole-response cache HIT with a max-age; otherwise nothing. */
  remember(key: string, response: HTTPGraphQLResponse, operationName: string | null, now = Date.now()): void {
    const { headers, body } = response;
    if (body.kind !== 'complete' || (response.status ?? 200) !== 200 || headers.get('x-cache') !== 'HIT') return;
    if (body.string.length > this.maxBodyBytes) return;
    const maxAge = Number(MAX_AGE.exec(headers.get('cache-control') ?? '')?.[1] ?? 0);
    const ttlSeconds = Math.min(maxAge, this.options.maxTtlSeconds);
    const storedAt = now - Number(headers.get('age') ?? 0) * 1000;
    // `age` is rounded to the second: a second's margin, so this copy never outlives the stored entry.
    const expiresAt = storedAt - 1000 + ttlSeconds * 1000;
    if (expiresAt <= now) return;
    this.entries.delete(key);
    // Oldest first: entries are few and hot, so insertion order is a good enough eviction order.
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const replayed = [...headers].filter(([name]) => name !== 'age');
    this.entries.set(key, { body: body.string, headers: replayed, operationName, storedAt, expiresAt });
  }

  get size(): number {
    return this.entries.size;
  }
}
