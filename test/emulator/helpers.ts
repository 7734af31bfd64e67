// Shared test plumbing: an emulator per test file, SDK clients pointed at it, raw HTTP calls.
import { GlueClient, type GlueClientConfig } from '@aws-sdk/client-glue';
import { expect } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator/index.js';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function glueClient(endpoint: string, config: Partial<GlueClientConfig> = {}): GlueClient {
  return new GlueClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // One attempt, so retries never blur call counts or error assertions.
    maxAttempts: 1,
    ...config,
  });
}

export async function startWithClient(options: EmulatorOptions = {}): Promise<{ emu: RunningEmulator; client: GlueClient }> {
  const emu = await startEmulator(options);
  return { emu, client: glueClient(emu.endpoint) };
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
}

export interface RawCall {
  target?: string | null;
  body?: string | object;
  authorization?: string | null;
  method?: string;
}

/** A hand-made request: by default signed-looking (any Authorization is accepted) with a JSON 1.1 body. */
export async function rawCall(endpoint: string, call: RawCall): Promise<RawResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' };
  if (call.target !== null) headers['x-amz-target'] = call.target ?? 'AWSGlue.GetMLTransforms';
  if (call.authorization !== null) {
    headers.authorization =
      call.authorization ?? 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/glue/aws4_request, SignedHeaders=host, Signature=abc';
  }
  const method = call.method ?? 'POST';
  const body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body ?? {});
  const response = await fetch(endpoint, { method, headers, body: method === 'GET' ? undefined : body });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = {};
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * Asserts an AWS error response: status, __type, x-amzn-ErrorType, request id, the text as both `Message`
 * (Glue's model) and `message` (what clients read first), and a body without internals.
 */
export function expectAwsError(response: RawResponse, status: number, type: string): string {
  expect(response.status).toBe(status);
  expect(response.json.__type).toBe(type);
  expect(response.headers.get('x-amzn-errortype')).toBe(type);
  expect(response.headers.get('x-amzn-requestid')).toMatch(UUID);
  expect(Object.keys(response.json).sort()).toEqual(['Message', '__type', 'message']);
  expect(response.json.Message).toBe(response.json.message);
  expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+|node:internal|Error:/);
  return response.json.message as string;
}

/** Runs `action`, expecting it to throw an instance of `errorClass`; returns the error for further checks. */
export async function expectReject<T extends Error>(
  action: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => T,
): Promise<T & { $metadata: { httpStatusCode?: number; requestId?: string }; $fault: string }> {
  const error = await action.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(errorClass);
  return error as T & { $metadata: { httpStatusCode?: number; requestId?: string }; $fault: string };
}
