/**
 * Static limits on what one operation may ask, checked before execution (graphql-armor), so a
 * hostile query is refused with a 400 naming the limit and never costs a Glue call.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ValidationRule } from 'graphql';
import type { Config } from './config.js';

export function requestLimits(
  limits: Config['limits'],
  production: boolean,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- context-agnostic plugins
): { plugins: ApolloServerPlugin<any>[]; validationRules: ValidationRule[] } {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, exposeLimits: true, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases, exposeLimits: true },
    costLimit: { maxCost: limits.maxCost, exposeLimits: true, ignoreIntrospection: true },
    // Tokens are capped by graphql-js's own parser option (see server.ts): a parse error is a 400,
    // while armor's token plugin throws from a hook and Apollo answers that with a 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, exposeLimits: true },
    // "Did you mean …?" hints map the schema for an attacker; keep them where introspection is open anyway.
    blockFieldSuggestion: { enabled: production },
  });
  const { plugins, validationRules } = armor.protect();
  // graphql-armor is typed against Apollo's CommonJS build; the objects are the same at runtime.
  return { plugins: plugins as unknown as ApolloServerPlugin<any>[], validationRules };
}
