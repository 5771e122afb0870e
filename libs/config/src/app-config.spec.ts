import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.ROLE).toBe('all');
    expect(c.CLOCK_MODE).toBe('database');
  });

  it('parses numbers and URLs', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db', REDIS_URL: 'redis://127.0.0.1:6379', CLOCK_RATE: '2.5' });
    expect(c.PORT).toBe(8080);
    expect(c.DATABASE_URL).toBe('postgres://u@h:5432/db');
    expect(c.CLOCK_RATE).toBe(2.5);
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', ROLE: 'boss' });
      throw new Error('should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const err = e as ConfigError;
      expect(err.variables.sort()).toEqual(['PORT', 'REDIS_URL', 'ROLE']);
      expect(err.message).toContain('PORT');
      expect(err.message).toContain('REDIS_URL');
    }
  });

  it('ignores unrelated environment variables', () => {
    expect(() => loadConfig({ HOME: '/root', PATH: '/bin' })).not.toThrow();
  });
});
