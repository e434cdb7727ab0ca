import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to port 8102', () => {
    expect(loadConfig({}).PORT).toBe(8102);
    expect(loadConfig({ PORT: '' }).PORT).toBe(8102);
  });

  it('reads valid values', () => {
    expect(loadConfig({ PORT: '9000', LOG_LEVEL: 'warn' })).toMatchObject({ PORT: 9000, LOG_LEVEL: 'warn' });
  });

  it('refuses bad values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL.*"loud"/);
  });
});
