/**
 * Who polls a run for the whole fleet: a Redis key set with NX and a short expiry, renewed by its
 * holder. A holder that dies or loses Redis stops renewing, the key expires, and another replica's
 * SET NX succeeds. Renewal and release only touch the key while this replica still holds it.
 */
import type { RedisConnection } from '../redis/connection.js';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class RunLease {
  constructor(
    private readonly redis: RedisConnection,
    private readonly key: string,
    private readonly owner: string,
    private readonly ttlMs: number,
  ) {}

  async acquire(): Promise<boolean> {
    const reply = await this.redis.set(this.key, this.owner, { condition: 'NX', expiration: { type: 'PX', value: this.ttlMs } });
    return reply === 'OK';
  }

  /** False when the lease expired and another replica took it. */
  async renew(): Promise<boolean> {
    return Number(await this.redis.eval(RENEW, { keys: [this.key], arguments: [this.owner, String(this.ttlMs)] })) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, { keys: [this.key], arguments: [this.owner] });
  }
}
