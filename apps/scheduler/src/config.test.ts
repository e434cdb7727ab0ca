import { describe, expect, it } from 'vitest';
import { loadSchedulerConfig } from './config.js';

describe('loadSchedulerConfig', () => {
  it('defaults to port 8103 and refuses a bad port', () => {
    expect(loadSchedulerConfig({}).SCHEDULER_PORT).toBe(8103);
    expect(() => loadSchedulerConfig({ SCHEDULER_PORT: '-1' })).toThrow(/SCHEDULER_PORT/);
  });
});
