// Identity helpers for the end-to-end tests: a server for an identity suite, the routes, and invitations to new
// made-up addresses.
import { randomBytes } from 'node:crypto';
import { client, demoUsers, signIn } from './api.mjs';
import { startServer } from './server.mjs';

export const LOGIN = '/api/v1/auth/login';
export const LOGOUT = '/api/v1/auth/logout';
export const ME = '/api/v1/me';
export const INVITATIONS = '/api/v1/invitations';

/** A password long enough for accepting an invitation. */
export const NEW_PASSWORD = 'a-long-enough-password';

/** An email address nobody has yet, starting with `who`. */
export function newEmail(who) {
  return `${who}.${randomBytes(4).toString('hex')}@southwark.test.pswnet.uk`;
}

/** The body of POST /invitations. */
export function invitationFor(email, organisationId, { roles = ['member'], sector = 'children' } = {}) {
  return { email, organisation_id: organisationId, roles, sector };
}

/**
 * Starts pswnet on a fresh database with the demo data; resolves with {server, api (client), southamptonId,
 * southwarkId} (the organisations of amira and of grace, an org_admin). The suite stops the server when it is done.
 */
export async function startIdentityServer({ args = [] } = {}) {
  const server = await startServer({ args });
  try {
    const api = client(server.baseUrl);
    const southamptonId = (await signIn(server.baseUrl, demoUsers.amira)).user.organisation.id;
    const southwarkId = (await signIn(server.baseUrl, demoUsers.grace)).user.organisation.id;
    return { server, api, southamptonId, southwarkId };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
