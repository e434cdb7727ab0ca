import { describe, expect, it } from 'vitest';
import { RandomTicketCodeGenerator, TICKET_ALPHABET } from './ticket-code-generator.js';

describe('RandomTicketCodeGenerator', () => {
  const generator = new RandomTicketCodeGenerator();

  it('makes codes like AQ-XXXXX-XXXXX with ten symbols of the unambiguous alphabet', () => {
    const code = generator.next();
    expect(code).toMatch(/^AQ-[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    expect(code.replace(/^AQ-|-/g, '')).toHaveLength(10);
  });

  it('never uses 0, O, 1 or I', () => {
    expect(TICKET_ALPHABET).toHaveLength(32);
    for (const c of '0O1I') expect(TICKET_ALPHABET).not.toContain(c);
    const all = Array.from({ length: 500 }, () => generator.next().slice(3)).join('');
    expect(all).not.toMatch(/[01OI]/);
  });

  it('does not repeat itself and uses the whole alphabet', () => {
    const codes = new Set(Array.from({ length: 5_000 }, () => generator.next()));
    expect(codes.size).toBe(5_000);
    const seen = new Set([...codes].join('').replace(/AQ|-/g, ''));
    expect(seen.size).toBe(32);
  });
});
