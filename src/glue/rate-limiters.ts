/**
 * rate-limiter-flexible's limiters, loaded one by one: the package's index loads every store adapter
 * it has (Mongo, Postgres, DynamoDB, Etcd, …), about 8 MiB of resident memory a gateway never uses;
 * the memory limiter is 0.6 MiB. The Redis one is loaded only when a Redis is configured.
 */
import { createRequire } from 'node:module';
import type * as Flexible from 'rate-limiter-flexible';

const require = createRequire(import.meta.url);

export type { RateLimiterAbstract } from 'rate-limiter-flexible';
export const RateLimiterMemory: typeof Flexible.RateLimiterMemory = require('rate-limiter-flexible/lib/RateLimiterMemory.js');
export const RateLimiterRes: typeof Flexible.RateLimiterRes = require('rate-limiter-flexible/lib/RateLimiterRes.js');
export type RateLimiterRedis = Flexible.RateLimiterRedis;

/** The Redis limiter's class, loaded on first use. */
export function rateLimiterRedis(): typeof Flexible.RateLimiterRedis {
  return require('rate-limiter-flexible/lib/RateLimiterRedis.js');
}
