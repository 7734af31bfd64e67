// Validation rules (graphql-armor's limits among them) run once per distinct document, not once per
// request: Apollo Server keeps validated documents and skips parsing and validation for a known one.
import { createServer } from 'node:http';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ValidationRule } from 'graphql';
import { createApolloServer } from '../../src/apollo.js';
import { loadConfig } from '../../src/config.js';
import { buildSchema } from '../../src/schema.js';

describe('validation rules', () => {
  it('run once per distinct document', async () => {
    let runs = 0;
    const counting: ValidationRule = () => {
      runs++;
      return {};
    };
    const config = loadConfig({ NODE_ENV: 'test', AWS_REGION: 'us-east-1', GLUE_ENDPOINT: 'http://127.0.0.1:9' });
    const apollo = createApolloServer({
      config,
      schema: buildSchema(),
      httpServer: createServer(),
      limits: { plugins: [], validationRules: [counting] },
      plugins: [],
      logger: pino({ level: 'silent' }),
    });
    await apollo.start();
    try {
      const contextValue = { requestId: 'r', trace: ROOT_CONTEXT, responseCache: { unfinishedRun: false } } as never;
      for (let i = 0; i < 3; i++) await apollo.executeOperation({ query: '{ __typename }' }, { contextValue });
      expect(runs).toBe(1);
      await apollo.executeOperation({ query: 'query Other { __typename }' }, { contextValue });
      expect(runs).toBe(2);
    } finally {
      await apollo.stop();
    }
  });
});
