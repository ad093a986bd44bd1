import { api, unwrap } from '../../../shared/api/client';
import { setTokens } from '../../../shared/api/session';

/** Signs in and starts the session; throws ApiProblem (invalid_credentials, too_many_attempts…). */
export async function login(email: string, password: string): Promise<void> {
  const pair = await unwrap(api.POST('/api/v1/auth/login', { body: { email, password } }));
  setTokens({ access: pair.access_token, refresh: pair.refresh_token });
}
