// The HTTP front end: speaks AWS JSON 1.1 (POST /, X-Amz-Target: AWSGlue.<Operation>) and runs each
// request through auth -> operation lookup -> JSON parsing -> injected faults -> model validation ->
// handler. Nothing a client sends can crash the process; unexpected errors become a bare 500.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultEffect, FaultInjector } from './faults.js';
import type { ApiQuota } from './quota.js';
import { getOperation, TARGET_PREFIX } from './model/index.js';
import type { MLOperation } from './model/operations.js';
import { HANDLERS, type OperationContext } from './operations/index.js';
import { transformIdOfArn } from './operations/tags.js';
import { GlueError } from './protocol/errors.js';
import { validateInput } from './protocol/validate.js';
import type { StatsRecorder } from './stats.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_BODY_BYTES = 1024 * 1024;

export interface ServerDeps {
  context: OperationContext;
  faults: FaultInjector;
  stats: StatsRecorder;
  quota: ApiQuota;
}

export interface GlueServer {
  server: Server;
  /** Stops listening and destroys every socket, hung requests included. */
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  if (res.destroyed || res.headersSent) return;
  const payload = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    'Content-Type': CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(payload),
    'x-amzn-RequestId': randomUUID(),
  };
  // botocore and the JS SDK read the type from the body's __type; the header is set as AWS does too.
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  res.writeHead(status, headers);
  res.end(payload);
}

const sendError = (res: ServerResponse, error: GlueError): void => send(res, error.status, error.toBody(), error.type);

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The operation named by X-Amz-Target, or undefined when the target is missing or not a Glue ML operation. */
function operationName(req: IncomingMessage): string | undefined {
  const target = req.headers['x-amz-target'];
  if (typeof target !== 'string' || !target.startsWith(`${TARGET_PREFIX}.`)) return undefined;
  const name = target.slice(TARGET_PREFIX.length + 1);
  return getOperation(name) && Object.hasOwn(HANDLERS, name) ? name : undefined;
}

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8');
  // Clients always send at least "{}"; an empty body is read as empty input rather than refused.
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GlueError('SerializationException', 'Malformed request body: the body is not valid JSON.');
  }
}

function idsOf(input: unknown): string[] {
  if (typeof input !== 'object' || input === null) return [];
  const record = input as Record<string, unknown>;
  return [record.TransformId, record.TaskRunId, transformIdOfArn(record.ResourceArn)].filter(
    (id): id is string => typeof id === 'string',
  );
}

function faultError(effect: FaultEffect, operation: string, context: OperationContext): GlueError | undefined {
  switch (effect) {
    case 'ThrottlingException':
      return new GlueError('ThrottlingException', 'Rate exceeded');
    case 'InternalServiceException':
      return new GlueError('InternalServiceException', 'Dependency failure.');
    case 'OperationTimeoutException':
      return new GlueError('OperationTimeoutException', 'The operation timed out.');
    case 'AccessDeniedException':
      return new GlueError(
        'AccessDeniedException',
        `User: arn:aws:iam::${context.accountId}:user/emulator is not authorized to perform: glue:${operation}`,
      );
    default:
      return undefined;
  }
}

export function createGlueServer({ context, faults, stats, quota }: ServerDeps): GlueServer {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const wait = (ms: number): Promise<void> =>
    ms <= 0
      ? Promise.resolve()
      : new Promise((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, ms);
          timers.add(timer);
        });

  async function handle(req: IncomingMessage, res: ServerResponse, operation: string | undefined): Promise<void> {
    const body = await readBody(req);
    if (body === undefined) {
      return sendError(res, new GlueError('RequestEntityTooLargeException', 'Request body is too large.'));
    }
    await wait(faults.nextDelayMs());
    if (res.destroyed) return;
    // AWS authenticates before anything else: SigV4 is accepted unverified, but it must be there.
    if (!req.headers.authorization) {
      return sendError(res, new GlueError('MissingAuthenticationTokenException', 'Request is missing Authentication Token'));
    }
    if (req.method !== 'POST' || operation === undefined) {
      const target = req.headers['x-amz-target'];
      return sendError(res, new GlueError('UnknownOperationException', `Unknown operation ${String(target ?? '(no X-Amz-Target)')}`));
    }
    if (!quota.admit()) return sendError(res, new GlueError('ThrottlingException', 'Rate exceeded'));
    let input: unknown;
    let parseError: GlueError | undefined;
    try {
      input = parseJson(body);
    } catch (error) {
      parseError = error as GlueError;
    }
    const effect = faults.pick(operation, idsOf(input));
    if (effect === 'drop') return void req.socket.destroy();
    if (effect === 'hang') return; // never answered; close() or the client ends it
    const injected = effect ? faultError(effect, operation, context) : undefined;
    if (injected) return sendError(res, injected);
    if (parseError) return sendError(res, parseError);

    const model = getOperation(operation);
    if (model?.input) validateInput(model.input.shape, input);
    const handler = HANDLERS[operation as MLOperation];
    if (!handler) throw new Error(`no handler for ${operation}`);
    send(res, 200, handler(input as Record<string, unknown>, context));
  }

  const server = createServer((req, res) => {
    const operation = operationName(req);
    stats.begin(operation ?? 'UnknownOperation');
    res.once('close', () => stats.end());
    handle(req, res, operation).catch((error: unknown) => {
      if (error instanceof GlueError) return sendError(res, error);
      // Never leak internals: the client only learns that the service failed.
      sendError(res, new GlueError('InternalServiceException', 'An internal service error occurred.'));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
