// Sign-in with the realm's public client: authorization code with PKCE (S256), tokens kept in this tab only.
const STORE = 'fangkong.session';
const FLOW = 'fangkong.signin';

let settings;
let endpoints;
let session = JSON.parse(sessionStorage.getItem(STORE) || 'null');
let refreshing;
let refreshTimer;

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

function claims(jwt) {
  const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(decodeURIComponent(escape(atob(payload))));
}

function keep(tokens) {
  session = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    idToken: tokens.id_token || session?.idToken,
    expiresAt: Date.now() + tokens.expires_in * 1000,
  };
  sessionStorage.setItem(STORE, JSON.stringify(session));
  clearTimeout(refreshTimer);
  // Renewed a minute before it expires (or halfway through a short one), so a call never carries a dead token.
  const lead = Math.min(60_000, (tokens.expires_in * 1000) / 2);
  refreshTimer = setTimeout(() => refresh().catch(() => signIn()), Math.max(5_000, session.expiresAt - Date.now() - lead));
}

async function tokenRequest(form) {
  const response = await fetch(endpoints.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: settings.clientId, ...form }),
  });
  if (!response.ok) {
    throw new Error(`token endpoint answered ${response.status}`);
  }
  keep(await response.json());
}

/** Sends the browser to the realm's sign-in page; it comes back here with a code. */
export async function signIn() {
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(FLOW, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    client_id: settings.clientId, response_type: 'code', scope: 'openid', redirect_uri: redirectUri(), state,
    code_challenge: challenge, code_challenge_method: 'S256',
  });
  location.assign(`${endpoints.authorization_endpoint}?${query}`);
  return new Promise(() => {});
}

/**
 * The signed-in session: from this tab's storage, from the code the realm just sent back, or by signing in.
 * Resolves with the token's claims; never resolves when the browser is sent to sign in.
 */
export async function start(config, { interactive = true } = {}) {
  settings = config;
  endpoints = await (await fetch(`${config.oidcUrl}/.well-known/openid-configuration`)).json();
  const params = new URLSearchParams(location.search);
  if (params.has('code')) {
    const flow = JSON.parse(sessionStorage.getItem(FLOW) || 'null');
    sessionStorage.removeItem(FLOW);
    history.replaceState(null, '', redirectUri());
    if (!flow || flow.state !== params.get('state')) {
      return interactive ? signIn() : null;
    }
    await tokenRequest({ grant_type: 'authorization_code', code: params.get('code'), redirect_uri: redirectUri(), code_verifier: flow.verifier });
  } else if (session && session.expiresAt - Date.now() < 30_000) {
    await refresh().catch(() => { session = null; });
  } else if (session) {
    keep({ access_token: session.accessToken, refresh_token: session.refreshToken, id_token: session.idToken,
      expires_in: (session.expiresAt - Date.now()) / 1000 });
  }
  if (!session) {
    return interactive ? signIn() : null;
  }
  return claims(session.accessToken);
}

/** A fresh token from the refresh token; one request however many callers ask at once. */
export function refresh() {
  if (!refreshing) {
    refreshing = tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken }).finally(() => { refreshing = null; });
  }
  return refreshing;
}

export function accessToken() {
  return session?.accessToken;
}

/** Ends the realm session too, then comes back signed out. */
export function signOut() {
  const idToken = session?.idToken;
  session = null;
  sessionStorage.removeItem(STORE);
  clearTimeout(refreshTimer);
  const query = new URLSearchParams({ client_id: settings.clientId, post_logout_redirect_uri: `${redirectUri()}?signedOut` });
  if (idToken) {
    query.set('id_token_hint', idToken);
  }
  location.assign(`${endpoints.end_session_endpoint}?${query}`);
}
