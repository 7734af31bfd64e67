// The authenticator and its middleware, without a server: which principal each credential becomes,
// which header shapes count as a bearer token, and what a refusal says and logs.
import { SignJWT } from 'jose';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { authenticateRequest, createAuthenticator, type AuthConfig } from '../../src/http/auth.js';
import { READ_KEY, SECRET, token, WRITE_KEY } from './helpers.js';

const config = (overrides: Partial<AuthConfig> = {}): AuthConfig => ({
  jwtSecret: SECRET,
  apiKeys: [READ_KEY, WRITE_KEY],
  algorithms: ['HS256'],
  writeScope: 'glue-ml:write',
  writeApiKeys: [WRITE_KEY],
  ...overrides,
});
const expOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()).exp as number;

describe('createAuthenticator', () => {
  const authenticate = createAuthenticator(config());

  it('makes each API key a principal numbered from 1, with write only for AUTH_WRITE_API_KEYS', async () => {
    expect(await authenticate(undefined, READ_KEY)).toEqual({ kind: 'api-key', subject: 'api-key#1', write: false });
    expect(await authenticate(undefined, WRITE_KEY)).toEqual({ kind: 'api-key', subject: 'api-key#2', write: true });
    expect(await authenticate(undefined, 'not-a-key')).toBe('Invalid API key.');
    expect(await createAuthenticator(config({ apiKeys: [], writeApiKeys: [] }))(undefined, READ_KEY)).toBe('API keys are not accepted by this server.');
  });

  it('makes a JWT a principal whose credentials end at its exp (epoch ms), with write only for the write scope', async () => {
    const reader = await token({ sub: 'alice', scope: 'glue-ml:read' });
    expect(await authenticate(`Bearer ${reader}`, undefined)).toEqual({ kind: 'jwt', subject: 'alice', write: false, expiresAt: expOf(reader) * 1000 });
    const writer = await token({ sub: 'bob', scp: ['glue-ml:write'] });
    expect(await authenticate(`Bearer ${writer}`, undefined)).toMatchObject({ subject: 'bob', write: true });
    const anonymous = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
    expect(await authenticate(`Bearer ${anonymous}`, undefined)).toMatchObject({ kind: 'jwt', subject: 'unknown' });
  });

  it('takes exactly "Bearer <token>" (any case, any spacing between), nothing around it', async () => {
    const jwt = await token();
    for (const header of [`Bearer ${jwt}`, `bearer ${jwt}`, `BEARER \t ${jwt}`]) expect(await authenticate(header, undefined)).toMatchObject({ kind: 'jwt' });
    for (const header of [`XBearer ${jwt}`, `Token Bearer ${jwt}`, `Bearer ${jwt} extra`, `Bearer ${jwt}, Bearer ${jwt}`, `Bearer${jwt}`, '']) {
      expect(await authenticate(header, undefined)).toMatch(/^Missing credentials: send "Authorization: Bearer <JWT>" or "x-api-key: <key>"\.$/);
    }
    expect(await authenticate(undefined, undefined)).toMatch(/^Missing credentials/);
  });

  it('says so when bearer tokens are not configured, rather than trying to verify one', async () => {
    const keysOnly = createAuthenticator(config({ jwtSecret: undefined }));
    expect(await keysOnly(`Bearer ${await token()}`, undefined)).toBe('Bearer tokens are not accepted by this server.');
  });

  it("names jose's reason for a bad token, and a generic one when the failure has no code (an unreachable JWKS)", async () => {
    expect(await authenticate(`Bearer ${await token({}, { secret: `${SECRET}-other` })}`, undefined)).toBe('Invalid token (ERR_JWS_SIGNATURE_VERIFICATION_FAILED).');
    const unreachable = createAuthenticator(config({ jwtSecret: undefined, jwksUrl: 'http://127.0.0.1:1/jwks.json', algorithms: ['RS256'] }));
    const rs256 = `${Buffer.from('{"alg":"RS256","kid":"k"}').toString('base64url')}.${Buffer.from('{"exp":9999999999}').toString('base64url')}.c2ln`;
    expect(await unreachable(`Bearer ${rs256}`, undefined)).toBe('Invalid token (ERR_JWT_INVALID).');
  });
});

describe('authenticateRequest', () => {
  async function run(headers: Record<string, string>, url: string | null = '/graphql?x=1') {
    const lines: any[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const res = {
      statusCode: 200,
      headers: {} as Record<string, string | number>,
      body: undefined as any,
      setHeader(name: string, value: string | number) {
        this.headers[name] = value;
      },
      end(text: string) {
        this.body = JSON.parse(text);
      },
    };
    const req = { method: 'POST', url: url ?? undefined, headers };
    const principal = await authenticateRequest(createAuthenticator(config()), logger, req as any, res as any);
    return { principal, res, lines };
  }

  it('refuses with 401, WWW-Authenticate and a coded body, and logs why and where', async () => {
    const { principal, res, lines } = await run({ 'x-api-key': 'wrong' });
    expect(principal).toBeUndefined();
    expect(res.statusCode).toBe(401);
    expect(res.headers['WWW-Authenticate']).toBe('Bearer');
    expect(res.body.errors[0]).toMatchObject({ message: 'Invalid API key.', extensions: { code: 'UNAUTHENTICATED', retryable: false } });
    expect(lines).toEqual([expect.objectContaining({ reason: 'Invalid API key.', path: '/graphql', msg: 'Rejected unauthenticated request' })]);
  });

  it('logs an empty path for a request without a URL', async () => {
    const { lines } = await run({ 'x-api-key': 'wrong' }, null);
    expect(lines[0].path).toBe('');
  });

  it('passes the principal on and answers nothing itself', async () => {
    const accepted = await run({ 'x-api-key': WRITE_KEY });
    expect(accepted.principal).toEqual({ kind: 'api-key', subject: 'api-key#2', write: true });
    expect(accepted.res.body).toBeUndefined();
    expect(accepted.lines).toEqual([]);
  });
});
