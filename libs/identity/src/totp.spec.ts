import { base32Decode, base32Encode, hotp, totp, verifyTotp } from './totp';

describe('TOTP (RFC 6238)', () => {
  // RFC 6238 appendix B, SHA-1, secret "12345678901234567890" (8 digits there; 6 here are its last six).
  const secret = Buffer.from('12345678901234567890');
  const b32 = base32Encode(secret);

  it.each([
    [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130'],
  ])('at %i s gives the RFC test vector %s', (t, expected) => {
    expect(hotp(secret, Math.floor(t / 30), 8)).toBe(expected);
    expect(totp(b32, new Date(t * 1000))).toBe(expected.slice(2));
  });

  it('round-trips base32', () => {
    expect(base32Decode(base32Encode(Buffer.from('hello world!')))).toEqual(Buffer.from('hello world!'));
  });

  it('accepts one step of drift, refuses two, and refuses a replayed step', () => {
    const at = new Date(1_700_000_000_000);
    const code = totp(b32, at);
    expect(verifyTotp(b32, code, new Date(at.getTime() + 30_000))).toBeDefined();
    expect(verifyTotp(b32, code, new Date(at.getTime() + 61_000))).toBeUndefined();
    const step = verifyTotp(b32, code, at)!;
    expect(verifyTotp(b32, code, at, step)).toBeUndefined();
    expect(verifyTotp(b32, 'abcdef', at)).toBeUndefined();
  });
});
