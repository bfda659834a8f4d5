// Who is signed in. Tokens are kept in memory only (never in localStorage); what survives a reload is, in local
// mode, the choice of demo user and, with Cognito, the PKCE verifier of a sign-in in progress (sessionStorage).
import { setToken } from './api';

export type Role = 'municipality' | 'advisor' | 'ministry';

export interface User {
  sub: string;
  name: string;
  role: Role;
  municipality: string | null;
}

export type Config =
  | { auth: 'local' }
  | { auth: 'cognito'; domain: string; clientId: string; apiUrl: string };

export interface DemoUser {
  sub: string;
  name: string;
  role: Role;
  municipality?: string;
}

const DEMO_KEY = 'spuk.demo-user';
const PKCE_KEY = 'spuk.pkce';

function claims(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(
    Array.from(atob(part.padEnd(part.length + ((4 - (part.length % 4)) % 4), '=')))
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  return JSON.parse(json);
}

/** The user a token speaks for, read from the same claims the API reads. */
export function userOf(jwt: string): User {
  const c = claims(jwt);
  const groups = (c['cognito:groups'] as string[] | undefined) ?? [];
  const role = (['municipality', 'advisor', 'ministry'] as Role[]).find((r) => groups.includes(r));
  if (!role) throw new Error('token without a role');
  return {
    sub: String(c.sub),
    name: String(c.name ?? c.sub),
    role,
    municipality: (c['custom:municipality'] as string | undefined) ?? null,
  };
}

export async function loadConfig(): Promise<Config> {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' }, cache: 'no-store' });
  if (!response.ok) throw new Error('no configuration');
  return response.json();
}

// ---------------------------------------------------------------- local mode

export async function signInLocally(demo: DemoUser): Promise<User> {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(demo),
  });
  if (!response.ok) throw new Error(`local token: ${response.status}`);
  const { token } = await response.json();
  setToken(token);
  sessionStorage.setItem(DEMO_KEY, JSON.stringify(demo));
  return userOf(token);
}

/** After a reload in local mode: sign the same demo user in again. */
export async function resumeLocally(): Promise<User | null> {
  const saved = sessionStorage.getItem(DEMO_KEY);
  if (!saved) return null;
  try {
    return await signInLocally(JSON.parse(saved));
  } catch {
    sessionStorage.removeItem(DEMO_KEY);
    return null;
  }
}

// ---------------------------------------------------------------- Cognito hosted UI, authorization code + PKCE

function randomText(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const redirectUri = () => `${location.origin}/`;
let refreshTimer: number | undefined;

export async function startCognitoSignIn(config: { domain: string; clientId: string }): Promise<void> {
  const verifier = randomText(48);
  const state = randomText(16);
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo: location.pathname }));
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`${config.domain}/oauth2/authorize?${q}`);
}

/** On the way back from the hosted UI: trades the code for tokens. Null when this is no such return. */
export async function finishCognitoSignIn(config: { domain: string; clientId: string }): Promise<{ user: User; returnTo: string } | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const saved = sessionStorage.getItem(PKCE_KEY);
  if (!code || !saved) return null;
  sessionStorage.removeItem(PKCE_KEY);
  const { verifier, state, returnTo } = JSON.parse(saved);
  if (params.get('state') !== state) throw new Error('state mismatch');
  const tokens = await tokenRequest(config, {
    grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: redirectUri(), code_verifier: verifier,
  });
  return { user: accept(config, tokens), returnTo: returnTo || '/' };
}

interface Tokens {
  id_token: string;
  refresh_token?: string;
  expires_in: number;
}

async function tokenRequest(config: { domain: string }, form: Record<string, string>): Promise<Tokens> {
  const response = await fetch(`${config.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  if (!response.ok) throw new Error(`token endpoint: ${response.status}`);
  return response.json();
}

/** The API takes the ID token (it carries name and custom:municipality); it is renewed a minute before it ends. */
function accept(config: { domain: string; clientId: string }, tokens: Tokens, refreshToken = tokens.refresh_token): User {
  setToken(tokens.id_token);
  clearTimeout(refreshTimer);
  if (refreshToken) {
    refreshTimer = window.setTimeout(async () => {
      try {
        accept(config, await tokenRequest(config, {
          grant_type: 'refresh_token', client_id: config.clientId, refresh_token: refreshToken,
        }), refreshToken);
      } catch {
        setToken(null);
      }
    }, Math.max(30, tokens.expires_in - 60) * 1000);
  }
  return userOf(tokens.id_token);
}

export function signOut(config: Config): void {
  setToken(null);
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(DEMO_KEY);
  if (config.auth === 'cognito') {
    location.assign(`${config.domain}/logout?${new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri() })}`);
  } else {
    location.assign('/');
  }
}
