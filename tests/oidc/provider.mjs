// A real OpenID provider (the certified `oidc-provider` package) on loopback for the sign-in tests.
//
// Started by the tests (tests/api/helpers/oidc.rs); prints `issuer <url>` once it listens, and
// stops when its standard input closes (when the tests end). Its log-in page asks only for an
// email address: the person signed in is that address, with `email_verified` true unless the
// address starts with `unverified.`. Consent (which loopback clients are always asked) is given at once.
//
// Clients, each allowed to return to any port of 127.0.0.1 or localhost (RFC 8252 loopback
// redirects):
// - `board` (secret `board-secret`): an ordinary client, its callback `/login/oidc/test/callback`;
// - `board-foreign-audience` (secret `foreign-secret`), callback `/login/oidc/foreign/callback`:
//   its ID tokens are re-signed by this provider's own key with another audience, as a token
//   meant for another application would be.

import http from 'node:http';
import Provider from 'oidc-provider';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT } from 'jose';

const KEY_ID = 'test-signing-key';
const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const signingKey = { ...(await exportJWK(privateKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };

const server = http.createServer();
await new Promise((resolve) => server.listen(Number(process.env.PORT || 0), '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const client = (id, secret, key) => ({
  client_id: id,
  client_secret: secret,
  application_type: 'native',
  redirect_uris: [`http://127.0.0.1/login/oidc/${key}/callback`, `http://localhost/login/oidc/${key}/callback`],
  grant_types: ['authorization_code'],
  response_types: ['code'],
});

/** The account behind an id: the hex of its email address. */
const emailOf = (accountId) => Buffer.from(accountId, 'hex').toString('utf8');

const provider = new Provider(issuer, {
  clients: [
    client('board', 'board-secret', 'test'),
    client('board-foreign-audience', 'foreign-secret', 'foreign'),
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: ['a key for the test provider cookies'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  ttl: { IdToken: 60, AccessToken: 300, AuthorizationCode: 60, Interaction: 600, Session: 600, Grant: 600 },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(_ctx, accountId) {
    const email = emailOf(accountId);
    return {
      accountId,
      async claims() {
        return {
          sub: accountId,
          email,
          email_verified: !email.startsWith('unverified.'),
          name: email.split('@')[0].replace(/^unverified\./, '').replace(/\./g, ' '),
        };
      },
    };
  },

});

// The foreign-audience client's ID tokens, signed again with another audience.
provider.use(async (ctx, next) => {
  await next();
  const body = ctx.body;
  if (ctx.oidc?.route === 'token' && ctx.oidc.client?.clientId === 'board-foreign-audience' && body?.id_token) {
    const claims = { ...decodeJwt(body.id_token), aud: 'another-application' };
    body.id_token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: KEY_ID }).sign(privateKey);
  }
});

const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/** The log-in page and its answer; everything else is the provider's. */
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('another interaction');
  if (req.method === 'POST' && action === 'login') {
    const email = ((await readForm(req)).get('email') || '').trim();
    const accountId = Buffer.from(email, 'utf8').toString('hex');
    await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
    return;
  }
  if (details.prompt.name === 'consent') {
    const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(`<!doctype html><html lang="en"><head><title>Test ID</title></head><body>
<main><h1>Sign in to Test ID</h1>
<form method="post" action="/interaction/${escape(uid)}/login">
<label for="email">Email</label> <input id="email" name="email" type="email" autocomplete="email" required>
<button type="submit">Continue</button></form></main></body></html>`);
}

const callback = provider.callback();
server.on('request', (req, res) => {
  if (req.url === '/favicon.ico') {
    res.statusCode = 204;
    return res.end();
  }
  const match = /^\/interaction\/([\w-]+)(?:\/(login))?$/.exec(new URL(req.url, issuer).pathname);
  if (!match) return callback(req, res);
  interaction(req, res, match[1], match[2]).catch((error) => {
    res.statusCode = 400;
    res.end(`interaction refused: ${error.message}`);
  });
});

process.stdout.write(`issuer ${issuer}\n`);
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
