/** libs/identity: passwords (argon2id), TOTP, signed tokens, sessions, keys and field encryption. */
export * from './password';
export * from './totp';
export * from './key-store';
export * from './field-cipher';
export * from './token.service';
export * from './principal';
export * from './identity.errors';
export * from './identity.service';
export * from './rate-limit.storage';
export * from './oidc.service';
