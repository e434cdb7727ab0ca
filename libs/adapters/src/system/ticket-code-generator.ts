import type { TicketCodeGenerator } from '@aquastream/application';
import { randomBytes } from 'node:crypto';

/** 32 symbols without the look-alikes 0/O and 1/I, so a code read aloud or typed from paper survives. */
export const TICKET_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const GROUPS = [5, 5] as const;

/**
 * `AQ-7F3K9-Q2MXA`: ten symbols from a crypto-random source, 50 bits, so guessing a valid ticket is hopeless and a
 * collision (refused by the unique index anyway) practically never happens. 256 is a multiple of 32: no modulo bias.
 */
export class RandomTicketCodeGenerator implements TicketCodeGenerator {
  next(): string {
    const length = GROUPS.reduce((a, b) => a + b, 0);
    const bytes = randomBytes(length);
    const symbols = [...bytes].map((b) => TICKET_ALPHABET[b % TICKET_ALPHABET.length] ?? '');
    const groups: string[] = [];
    let at = 0;
    for (const size of GROUPS) {
      groups.push(symbols.slice(at, at + size).join(''));
      at += size;
    }
    return ['AQ', ...groups].join('-');
  }
}
