/** Why authentication failed; mapped to 401/403/429 only at the HTTP edge. */
export enum IdentityErrorCode {
  InvalidCredentials = 'invalid-credentials',
  InvalidToken = 'invalid-token',
  ExpiredToken = 'expired-token',
  SessionRevoked = 'session-revoked',
  AccountDisabled = 'account-disabled',
  AgencyOffboarded = 'agency-offboarded',
  InvalidCode = 'invalid-code',
  NotEnrolled = 'not-enrolled',
  SsoFailed = 'sso-failed',
}

export class IdentityError extends Error {
  constructor(readonly code: IdentityErrorCode, message?: string) {
    super(message ?? code);
    this.name = 'IdentityError';
  }
}
