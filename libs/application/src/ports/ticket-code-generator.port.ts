/** Mints the code printed on a ticket and in its QR code: unique, hard to guess, easy to read aloud. */
export interface TicketCodeGenerator {
  next(): string;
}
