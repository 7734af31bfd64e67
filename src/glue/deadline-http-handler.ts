/**
 * The SDK's Node HTTP handler, with each attempt of a policy call timed out at the call's deadline:
 * the handler's own per-request timeout (it destroys the socket), set from the time the call has left.
 * This replaces a per-call AbortSignal, which costs about 70 µs per call in the SDK's listeners and,
 * being a send() option, would stop the client from reusing its resolved middleware chain
 * (`cacheMiddleware`). Requests outside a policy call keep the handler's configured timeout.
 */
import type { HttpRequest } from '@smithy/core/protocols';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpHandlerOptions, NodeHttpHandlerOptions } from '@smithy/types';
import { callScopeOfRequest } from './call-scope.js';

export class DeadlineHttpHandler {
  readonly metadata: NodeHttpHandler['metadata'];
  private readonly inner: NodeHttpHandler;

  constructor(options: NodeHttpHandlerOptions) {
    this.inner = new NodeHttpHandler(options);
    this.metadata = this.inner.metadata;
  }

  handle(request: HttpRequest, options: HttpHandlerOptions = {}): ReturnType<NodeHttpHandler['handle']> {
    const scope = callScopeOfRequest(request);
    if (!scope) return this.inner.handle(request, options);
    return this.inner.handle(request, { ...options, requestTimeout: Math.max(1, scope.deadlineAt - Date.now()) });
  }

  updateHttpClientConfig(key: keyof NodeHttpHandlerOptions, value: NodeHttpHandlerOptions[typeof key]): void {
    this.inner.updateHttpClientConfig(key, value);
  }

  httpHandlerConfigs(): NodeHttpHandlerOptions {
    return this.inner.httpHandlerConfigs();
  }

  destroy(): void {
    this.inner.destroy();
  }
}
