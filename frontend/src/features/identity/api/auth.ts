import type { components } from '../../../api/schema';
import { ApiProblem } from '../../../shared/api/problem';
import { setTokens } from '../../../shared/api/session';

type LoginRequest = components['schemas']['LoginRequest'];
type TokenPair = components['schemas']['TokenPair'];

/**
 * Signs in and starts the session; throws ApiProblem (invalid_credentials, too_many_attempts…).
 * A plain typed `fetch`, not the app's client: the login page needs none of its session handling,
 * and its code is what the login page loads.
 */
export async function login(email: string, password: string): Promise<void> {
  const body: LoginRequest = { email, password };
  let response: Response;
  try {
    response = await fetch(
      new Request(`${location.origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  } catch (e) {
    throw ApiProblem.network(e);
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) throw ApiProblem.fromResponse(response, answer);
  const pair = answer as TokenPair;
  setTokens({ access: pair.access_token, refresh: pair.refresh_token });
}
