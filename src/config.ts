/**
 * The gateway's whole configuration, read once from environment variables and validated at start-up,
 * so a typo fails the process with a message that names the variable instead of misbehaving later.
 */
import { z } from 'zod';
import { withoutEmptyValues } from './empty-env.js';
import { bool, int } from './env-values.js';
import { parseOriginList } from './http/origins.js';
import { jwtAlgorithms, securityConfig, securityEnvShape, securityProblems, type SecurityConfig } from './security/config.js';

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(0, 65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AWS_REGION: z.string().min(1).optional(),
  AWS_PROFILE: z.string().min(1).optional(),
  GLUE_ENDPOINT: z.url({ message: 'must be an http(s) URL, e.g. https://glue.eu-west-1.amazonaws.com' }).optional(),
  GLUE_MAX_CONCURRENCY: int(1, 1000).default(10),
  GLUE_TIMEOUT_MS: int(1, 600_000).default(10_000),
  GLUE_RETRY_MODE: z.enum(['standard', 'adaptive']).default('standard'),
  GLUE_MAX_ATTEMPTS: int(1, 20).default(3),
  GLUE_MAX_RPS: int(1, 1_000_000).optional(),
  GLUE_FLEET_SIZE_HINT: int(1, 10_000).default(1),
  GLUE_RATE_MAX_WAIT_MS: int(0, 10_000).default(1_000),
  GLUE_RETRY_BUDGET_PERCENT: int(0, 100).default(20),
  GLUE_BREAKER_FAILURE_PERCENT: int(1, 99).default(50),
  GLUE_BREAKER_WINDOW_MS: int(100, 600_000).default(2_000),
  GLUE_BREAKER_MIN_RPS: z.coerce.number({ message: 'must be a number' }).positive({ message: 'must be positive' }).default(5),
  GLUE_BREAKER_COOLDOWN_MS: int(100, 600_000).default(5_000),
  CACHE_STALE_IF_ERROR_SECONDS: int(0, 31_536_000).default(300),
  MAX_TASK_RUNS_PER_REQUEST: int(1, 10_000).default(100),
  MAX_LIST_CALLS_PER_REQUEST: int(1, 10_000).default(25),
  GRAPHQL_DEBUG_ERRORS: bool.default(false),
  GRAPHQL_INTROSPECTION: bool.optional(),
  GRAPHQL_SANDBOX: bool.optional(),
  MAX_QUERY_DEPTH: int(1, 1000).default(12),
  MAX_QUERY_ALIASES: int(0, 10_000).default(100),
  MAX_QUERY_COST: int(1, 10_000_000).default(20_000),
  // About 9x the largest example operation (111 tokens, `npm run safelist` prints it) and 5x a full introspection query (184).
  MAX_QUERY_TOKENS: int(1, 1_000_000).default(1_000),
  MAX_QUERY_DIRECTIVES: int(0, 10_000).default(50),
  MAX_BODY_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
  GRAPHQL_BATCHED_REQUESTS: bool.default(false),
  AUTH_JWT_SECRET: z.string().min(32, { message: 'must be at least 32 characters (HS256 key)' }).optional(),
  AUTH_JWKS_URL: z.url({ message: 'must be the https URL of a JSON Web Key Set' }).optional(),
  AUTH_JWT_ISSUER: z.string().min(1).optional(),
  AUTH_JWT_AUDIENCE: z.string().min(1).optional(),
  AUTH_API_KEYS: z
    .string()
    .transform((v) => v.split(',').map((k) => k.trim()).filter(Boolean))
    .pipe(z.array(z.string().min(16, { message: 'each key must be at least 16 characters' })))
    .optional(),
  READINESS_CACHE_MS: int(0, 600_000).default(5_000),
  SHUTDOWN_DELAY_MS: int(0, 600_000).default(0),
  SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000),
  GRAPHQL_MUTATIONS: bool.default(false),
  SUBSCRIPTION_POLL_INTERVAL_MS: int(10, 600_000).default(5_000),
  SUBSCRIPTIONS_MAX_PER_CONNECTION: int(1, 10_000).default(20),
  SUBSCRIPTIONS_MAX_TOTAL: int(1, 1_000_000).default(1_000),
  CORS_ORIGINS: z.string().default('').transform((value, ctx) => {
    const { origins, invalid } = parseOriginList(value);
    for (const entry of invalid) {
      ctx.addIssue({ code: 'custom', message: `'${entry}' is not an origin (scheme://host[:port], no path), e.g. https://app.example.com` });
    }
    return origins;
  }),
  CACHE_FINISHED_MAX_AGE: int(0, 31_536_000).default(300),
  CACHE_IN_PROGRESS_MAX_AGE: int(0, 60).default(0),
  EMULATOR_CLOCK_SPEED: z.coerce.number({ message: 'must be a number' }).positive({ message: 'must be positive' }).default(1),
  CACHE_FINISHED_TTL_SECONDS: int(1, 31_536_000).default(3600),
  CACHE_FINISHED_MAX_ENTRIES: int(1, 10_000_000).default(10_000),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL, e.g. redis://cache.internal:6379' })
    .optional(),
  REDIS_TIMEOUT_MS: int(1, 60_000).default(250),
  RESPONSE_CACHE_ENABLED: bool.default(true),
  METRICS_ENABLED: bool.default(true),
  METRICS_PORT: int(0, 65535).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ message: 'must be an http(s) URL, e.g. http://otel-collector:4318' }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('glue-ml-graphql'),
  ...securityEnvShape,
});

export type Env = z.infer<typeof envSchema>;

/** Every variable loadConfig reads through the schema (deployment manifests are checked against it). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape) as ReadonlyArray<keyof Env>;

export interface Config {
  env: Env['NODE_ENV'];
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  /** Where Glue is: a configured AWS/compatible endpoint, or the embedded emulator (development only). */
  upstream: { kind: 'aws'; region: string; endpoint?: string } | { kind: 'embedded-emulator'; clockSpeed: number };
  /**
   * maxRps (GLUE_MAX_RPS): Glue calls per second, for every process sharing REDIS_URL (this process
   * alone without it); fleetSizeHint divides it between processes while Redis is unreachable.
   */
  glue: { maxConcurrency: number; timeoutMs: number; retryMode: 'standard' | 'adaptive'; maxAttempts: number; maxRps?: number; fleetSizeHint: number };
  /** The upstream policy beyond the SDK client: retry budget and circuit breaker (the rate cap is glue.maxRps). */
  upstreamPolicy: {
    /** How long a call may wait for room in the rate budget; past it, UPSTREAM_THROTTLED at once. */
    rateMaxWaitMs: number;
    retryBudgetRatio: number;
    breaker: { threshold: number; windowMs: number; minimumRps: number; coolDownMs: number };
  };
  /** How long a returned run is remembered to answer, marked stale, when refreshing it fails (0: off). */
  staleIfErrorSeconds: number;
  maxTaskRunsPerRequest: number;
  /** GetMLTaskRuns/GetMLTransforms/GetMLTransform calls one operation may cause (nested listings multiply). */
  maxListCallsPerRequest: number;
  /** Static limits per request, enforced before execution. */
  limits: { maxDepth: number; maxAliases: number; maxCost: number; maxTokens: number; maxDirectives: number; maxBodyBytes: number };
  /** Accept JSON arrays of operations in one HTTP request (off: each operation is one request). */
  batchedRequests: boolean;
  /** Optional authentication of /graphql; undefined when none is configured. */
  auth?: { jwtSecret?: string; jwksUrl?: string; issuer?: string; audience?: string; apiKeys: string[]; algorithms: string[]; writeScope: string; writeApiKeys: string[] };
  readinessCacheMs: number;
  /** On SIGTERM: report not-ready for `delayMs` while still serving, then drain for at most `graceMs`. */
  shutdown: { delayMs: number; graceMs: number };
  /** Schema introspection; on by default outside production. */
  introspection: boolean;
  /** Apollo Sandbox as the landing page of /graphql; on by default outside production. */
  sandbox: boolean;
  /** Development only: pass upstream error details (never credentials) through to clients. */
  debugErrors: boolean;
  /** The Mutation type (start/cancel task runs) is part of the schema only when this is on. */
  mutations: boolean;
  /** Live task-run status over graphql-ws: one shared poller per run, bounded subscriptions. */
  subscriptions: { pollIntervalMs: number; maxPerConnection: number; maxTotal: number };
  /** Browser origins allowed to call /graphql cross-origin; localhost on any port too in development. */
  cors: { origins: string[]; allowLocalhost: boolean };
  /**
   * HTTP cache lifetimes (seconds) of a task run, by whether it can still change. PRIVATE (browser
   * caches only) when authentication is on: a shared cache must not serve one caller's answer to another.
   */
  cacheControl: { finishedMaxAge: number; inProgressMaxAge: number; scope: 'PUBLIC' | 'PRIVATE' };
  /** The shared cache of finished runs (and Apollo's own cache): in memory, or Redis shared by replicas. */
  cache: { finishedTtlSeconds: number; finishedMaxEntries: number; redisUrl?: string; redisTimeoutMs: number; responseCache: boolean };
  /** Whether GET /metrics serves the Prometheus metrics. */
  metricsEnabled: boolean;
  /** Serve /metrics on this port (same HOST) instead of the GraphQL port, e.g. to keep it internal. */
  metricsPort?: number;
  /** OpenTelemetry traces are exported over OTLP/HTTP when an endpoint is set. */
  tracing: { otlpEndpoint?: string; serviceName: string };
  /** Defences against abuse: see src/security-config.ts and docs/security.md. */
  security: SecurityConfig;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates `env` and derives the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable is an unset one (compose and Kubernetes write unset variables as empty).
  const env = withoutEmptyValues(rawEnv);
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const upstreamConfigured = Boolean(e.GLUE_ENDPOINT || e.AWS_REGION || e.AWS_PROFILE);
  if (!upstreamConfigured && production) {
    throw new ConfigError(
      'Invalid configuration:\n  AWS_REGION: no Glue upstream is configured; set AWS_REGION (and credentials) ' +
        'or GLUE_ENDPOINT. The embedded emulator is for development only.',
    );
  }
  if (e.AUTH_JWT_SECRET && e.AUTH_JWKS_URL) {
    throw new ConfigError('Invalid configuration:\n  AUTH_JWKS_URL: set either AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  }
  const authConfigured = Boolean(e.AUTH_JWT_SECRET || e.AUTH_JWKS_URL || e.AUTH_API_KEYS?.length);
  if (production && e.GRAPHQL_DEBUG_ERRORS) {
    throw new ConfigError('Invalid configuration:\n  GRAPHQL_DEBUG_ERRORS: must not be true when NODE_ENV=production');
  }
  const security = securityProblems(e, production);
  if (security.length > 0) throw new ConfigError(`Invalid configuration:\n${security.map((line) => `  ${line}`).join('\n')}`);
  if (e.CACHE_IN_PROGRESS_MAX_AGE > e.CACHE_FINISHED_MAX_AGE) {
    throw new ConfigError('Invalid configuration:\n  CACHE_IN_PROGRESS_MAX_AGE: must not exceed CACHE_FINISHED_MAX_AGE');
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    upstream: upstreamConfigured
      ? { kind: 'aws', region: e.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1', endpoint: e.GLUE_ENDPOINT }
      : { kind: 'embedded-emulator', clockSpeed: e.EMULATOR_CLOCK_SPEED },
    glue: {
      maxConcurrency: e.GLUE_MAX_CONCURRENCY,
      timeoutMs: e.GLUE_TIMEOUT_MS,
      retryMode: e.GLUE_RETRY_MODE,
      maxAttempts: e.GLUE_MAX_ATTEMPTS,
      maxRps: e.GLUE_MAX_RPS,
      fleetSizeHint: e.GLUE_FLEET_SIZE_HINT,
    },
    upstreamPolicy: {
      rateMaxWaitMs: e.GLUE_RATE_MAX_WAIT_MS,
      retryBudgetRatio: e.GLUE_RETRY_BUDGET_PERCENT / 100,
      breaker: {
        threshold: e.GLUE_BREAKER_FAILURE_PERCENT / 100,
        windowMs: e.GLUE_BREAKER_WINDOW_MS,
        minimumRps: e.GLUE_BREAKER_MIN_RPS,
        coolDownMs: e.GLUE_BREAKER_COOLDOWN_MS,
      },
    },
    staleIfErrorSeconds: e.CACHE_STALE_IF_ERROR_SECONDS,
    maxTaskRunsPerRequest: e.MAX_TASK_RUNS_PER_REQUEST,
    maxListCallsPerRequest: e.MAX_LIST_CALLS_PER_REQUEST,
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxCost: e.MAX_QUERY_COST,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxDirectives: e.MAX_QUERY_DIRECTIVES,
      maxBodyBytes: e.MAX_BODY_BYTES,
    },
    batchedRequests: e.GRAPHQL_BATCHED_REQUESTS,
    auth: authConfigured
      ? {
          jwtSecret: e.AUTH_JWT_SECRET,
          jwksUrl: e.AUTH_JWKS_URL,
          issuer: e.AUTH_JWT_ISSUER,
          audience: e.AUTH_JWT_AUDIENCE,
          apiKeys: e.AUTH_API_KEYS ?? [],
          algorithms: jwtAlgorithms(e),
          writeScope: e.AUTH_WRITE_SCOPE,
          writeApiKeys: e.AUTH_WRITE_API_KEYS ?? [],
        }
      : undefined,
    readinessCacheMs: e.READINESS_CACHE_MS,
    shutdown: { delayMs: e.SHUTDOWN_DELAY_MS, graceMs: e.SHUTDOWN_GRACE_MS },
    introspection: e.GRAPHQL_INTROSPECTION ?? !production,
    sandbox: e.GRAPHQL_SANDBOX ?? !production,
    debugErrors: e.GRAPHQL_DEBUG_ERRORS,
    mutations: e.GRAPHQL_MUTATIONS,
    subscriptions: {
      pollIntervalMs: e.SUBSCRIPTION_POLL_INTERVAL_MS,
      maxPerConnection: e.SUBSCRIPTIONS_MAX_PER_CONNECTION,
      maxTotal: e.SUBSCRIPTIONS_MAX_TOTAL,
    },
    cors: { origins: e.CORS_ORIGINS, allowLocalhost: e.NODE_ENV === 'development' },
    cacheControl: {
      finishedMaxAge: e.CACHE_FINISHED_MAX_AGE,
      inProgressMaxAge: e.CACHE_IN_PROGRESS_MAX_AGE,
      scope: authConfigured ? 'PRIVATE' : 'PUBLIC',
    },
    cache: {
      finishedTtlSeconds: e.CACHE_FINISHED_TTL_SECONDS,
      finishedMaxEntries: e.CACHE_FINISHED_MAX_ENTRIES,
      redisUrl: e.REDIS_URL,
      redisTimeoutMs: e.REDIS_TIMEOUT_MS,
      responseCache: e.RESPONSE_CACHE_ENABLED,
    },
    metricsEnabled: e.METRICS_ENABLED,
    // In production /metrics stays off the public port unless METRICS_PORT says otherwise (9464: Prometheus exporters' port).
    metricsPort: e.METRICS_PORT ?? (production ? 9464 : undefined),
    tracing: { otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: e.OTEL_SERVICE_NAME },
    security: securityConfig(e, production),
  };
}
