import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher';

describe('FieldCipher', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const old = new FieldCipher({ active: 'k1', keys: new Map([['k1', k1]]) });
  const rotated = new FieldCipher({ active: 'k2', keys: new Map([['k1', k1], ['k2', k2]]) });

  it('round-trips a value and names its key', () => {
    const s = old.encrypt({ name: 'Test Person' }, 'victims.identity:v1');
    expect(s).not.toContain('Test Person');
    expect(FieldCipher.keyIdOf(s)).toBe('k1');
    expect(old.decrypt(s, 'victims.identity:v1')).toEqual({ name: 'Test Person' });
  });

  it('reads values of a retired key after rotation and writes with the new one', () => {
    const s = old.encrypt('x', 'a');
    expect(rotated.decrypt(s, 'a')).toBe('x');
    expect(FieldCipher.keyIdOf(rotated.encrypt('y', 'a'))).toBe('k2');
  });

  it('refuses a ciphertext moved to another row or tampered with', () => {
    const s = old.encrypt('x', 'victims.identity:v1');
    expect(() => old.decrypt(s, 'victims.identity:v2')).toThrow();
    const parts = s.split(':');
    parts[4] = Buffer.from('tampered').toString('base64url');
    expect(() => old.decrypt(parts.join(':'), 'victims.identity:v1')).toThrow();
  });
});
