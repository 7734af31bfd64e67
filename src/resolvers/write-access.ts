/**
 * Mutations change Glue's state, so with authentication on they need a write permission: a JWT
 * carrying AUTH_WRITE_SCOPE or an API key of AUTH_WRITE_API_KEYS. Checked first in every mutation
 * resolver, before any argument check or Glue call. Without authentication there is no principal and
 * GRAPHQL_MUTATIONS alone decides.
 */
import type { GatewayContext } from '../context.js';
import { gatewayError } from '../errors.js';

export function assertCanWrite({ principal }: Pick<GatewayContext, 'principal'>): void {
  if (principal && !principal.write) {
    throw gatewayError('FORBIDDEN', 'These credentials may read but not change task runs: mutations need the write scope (AUTH_WRITE_SCOPE) or a write API key.');
  }
}
