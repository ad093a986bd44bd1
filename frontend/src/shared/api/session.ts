// The signed-in session: a short-lived access token and a rotating refresh token, both kept
// in localStorage so a reload (or a second tab) does not need a refresh round-trip.
// Listeners learn when the session starts or ends (logout, refresh failure, another tab).

export interface Tokens {
  access: string;
  refresh: string;
}

const ACCESS_KEY = 'tessera.access_token';
const REFRESH_KEY = 'tessera.refresh_token';

type Listener = () => void;
const listeners = new Set<Listener>();
let snapshot: Tokens | null = read();

function read(): Tokens | null {
  try {
    const access = localStorage.getItem(ACCESS_KEY);
    const refresh = localStorage.getItem(REFRESH_KEY);
    return access && refresh ? { access, refresh } : null;
  } catch {
    return null;
  }
}

function emit() {
  snapshot = read();
  for (const l of listeners) l();
}

export function getTokens(): Tokens | null {
  return snapshot;
}

/** Re-reads storage: another tab may have rotated the tokens. */
export function readFreshTokens(): Tokens | null {
  const fresh = read();
  if (fresh?.access !== snapshot?.access || fresh?.refresh !== snapshot?.refresh) snapshot = fresh;
  return snapshot;
}

export function setTokens(tokens: Tokens): void {
  localStorage.setItem(ACCESS_KEY, tokens.access);
  localStorage.setItem(REFRESH_KEY, tokens.refresh);
  emit();
}

export function clearTokens(): void {
  localStorage.removeItem(ACCESS_KEY);
  localStorage.removeItem(REFRESH_KEY);
  emit();
}

export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === ACCESS_KEY || e.key === REFRESH_KEY || e.key === null) emit();
  });
}
