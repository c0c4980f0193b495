/** The page needs a logged-in user: the portal filter redirects to the login page. */
export class PortalLoginRequired extends Error {
  constructor(
    readonly returnTo: string | null,
    /** The browser still had a session cookie: its session ended (say so on the login page). */
    readonly expired = false,
  ) {
    super('Login required.');
  }
}

/** A form post without the session's CSRF token (forged, or from a page of an ended session). */
export class CsrfRejected extends Error {
  constructor() {
    super('CSRF token missing or wrong.');
  }
}
