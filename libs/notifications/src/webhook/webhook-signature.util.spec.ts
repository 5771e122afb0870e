import { signPayload, verifySignature } from './webhook-signature.util';

describe('webhook signatures', () => {
  const body = '{"kind":"task-created"}';

  it('verify with the secret, the body and a recent timestamp only', () => {
    const header = signPayload('s3cret', 1_700_000_000, body);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', header, body, 1_700_000_010)).toBe(true);
    expect(verifySignature('other', header, body, 1_700_000_010)).toBe(false);
    expect(verifySignature('s3cret', header, body.replace('created', 'deleted'), 1_700_000_010)).toBe(false);
    expect(verifySignature('s3cret', header, body, 1_700_001_000)).toBe(false);
    expect(verifySignature('s3cret', header.replace('t=1700000000', 't=1700000005'), body, 1_700_000_010)).toBe(false);
    expect(verifySignature('s3cret', undefined, body, 1_700_000_010)).toBe(false);
    expect(verifySignature('s3cret', 'garbage', body, 1_700_000_010)).toBe(false);
  });
});
