// Quota mode: a token bucket like Glue's per-account API rate limit, set at start, changed and lifted
// while running, with a count of the calls it throttled.
import { GetMLTransformsCommand, ThrottlingException } from '@aws-sdk/client-glue';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/emulator/cli-args.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { expectReject, glueClient } from './helpers.js';

const started: RunningEmulator[] = [];
afterAll(() => Promise.all(started.map((e) => e.close())));

async function emulatorWith(options: Parameters<typeof startEmulator>[0]) {
  const emu = await startEmulator(options);
  started.push(emu);
  return { emu, client: glueClient(emu.endpoint) };
}

describe('emulator quota mode', () => {
  it('lets a burst through, then answers ThrottlingException "Rate exceeded" and counts it', async () => {
    // 0.01 calls/s: the bucket does not refill during the test, so exactly `burst` calls pass.
    const { emu, client } = await emulatorWith({ quota: { rps: 0.01, burst: 3 } });
    for (let i = 0; i < 3; i++) await client.send(new GetMLTransformsCommand({}));
    const error = await expectReject(client.send(new GetMLTransformsCommand({})), ThrottlingException);
    expect(error.message).toBe('Rate exceeded');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(emu.faults.quotaThrottled).toBe(1);
    expect(emu.stats.calls.GetMLTransforms).toBe(4);
  });

  it('is set, lifted and its count reset through the faults API', async () => {
    const { emu, client } = await emulatorWith({});
    await client.send(new GetMLTransformsCommand({}));
    emu.faults.setQuota({ rps: 0.01, burst: 1 });
    await client.send(new GetMLTransformsCommand({}));
    await expectReject(client.send(new GetMLTransformsCommand({})), ThrottlingException);
    await expectReject(client.send(new GetMLTransformsCommand({})), ThrottlingException);
    expect(emu.faults.quotaThrottled).toBe(2);
    emu.faults.resetQuotaCount();
    emu.faults.setQuota(undefined);
    for (let i = 0; i < 5; i++) await client.send(new GetMLTransformsCommand({}));
    expect(emu.faults.quotaThrottled).toBe(0);
  });

  it('refills at the quota rate', async () => {
    const { emu, client } = await emulatorWith({ quota: { rps: 20, burst: 1 } });
    await client.send(new GetMLTransformsCommand({}));
    await new Promise((r) => setTimeout(r, 120)); // > 1/20 s: one token back
    await client.send(new GetMLTransformsCommand({}));
    expect(emu.faults.quotaThrottled).toBe(0);
  });

  it('takes --quota-rps and --quota-burst on the command line, and refuses bad values', async () => {
    expect(parseCliArgs(['--quota-rps', '50', '--quota-burst', '10']).options.quota).toEqual({ rps: 50, burst: 10 });
    expect(parseCliArgs(['--quota-rps', '50']).options.quota).toEqual({ rps: 50, burst: undefined });
    expect(parseCliArgs([]).options.quota).toBeUndefined();
    expect(() => parseCliArgs(['--quota-rps', '0'])).toThrow('--quota-rps must be a positive number');
    expect(() => parseCliArgs(['--quota-burst', '5'])).toThrow('--quota-burst needs --quota-rps');
    await expect(startEmulator({ quota: { rps: -1 } })).rejects.toThrow('quota rps must be a positive number');
  });
});
