import request from 'supertest';
import type { TestApp, TestUser } from './test-app';

export const TEST_PASSWORD = 'test-password-123';

/** The value of the hidden CSRF field in a portal page. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('The page has no CSRF field');
  return match[1];
}

export interface PortalAgent {
  agent: ReturnType<typeof request.agent>;
  /** The CSRF token of the session (read from a page after login). */
  csrf: string;
}

/** Logs a user in through the login form, as a browser would; the agent keeps the cookies. */
export async function portalLogin(t: TestApp, user: Pick<TestUser, 'email'>, password = TEST_PASSWORD): Promise<PortalAgent> {
  const agent = request.agent(t.app.getHttpServer());
  const page = await agent.get('/portaal/inloggen').expect(200);
  await agent
    .post('/portaal/inloggen')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), email: user.email, password })
    .expect(303);
  const account = await agent.get('/portaal/account').expect(200);
  return { agent, csrf: csrfFrom(account.text) };
}

/** The Set-Cookie header of a response, as one array. */
export function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const value = res.headers['set-cookie'];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
}
