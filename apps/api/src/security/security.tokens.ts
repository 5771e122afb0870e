/** Injection tokens of the security services (built once per app in SecurityModule). */
export const IDENTITY = Symbol('IDENTITY');
export const TOKENS = Symbol('TOKENS');
export const AUDIT = Symbol('AUDIT');
export const CASE_ACCESS = Symbol('CASE_ACCESS');
export const TASK_ACCESS = Symbol('TASK_ACCESS');
export const CASES = Symbol('CASES');
export const OIDC = Symbol('OIDC');
export const CIPHER = Symbol('CIPHER');
export const SECURITY_OPTIONS = Symbol('SECURITY_OPTIONS');

/**
 * TEST ONLY: builds the app with a part of the access control left out, so the access sweep
 * can show that it notices. Never set outside `test/access/`.
 */
export interface UnsafeTestToggles {
  skipRouteRoles?: boolean;
  skipTaskAgencyFilter?: boolean;
}

export interface SecurityOptions {
  unsafeTestOnly?: UnsafeTestToggles;
  /** TEST ONLY (suites written before sign-in): who the request is, instead of a token. */
  testOnlyActorResolver?: { resolve(req: import('express').Request): import('@app/application').Actor | Promise<import('@app/application').Actor> };
}
