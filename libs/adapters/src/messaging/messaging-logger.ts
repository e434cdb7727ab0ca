/** The few log calls the messaging adapters make; a pino logger fits as it is, and the adapters stay free of pino. */
export type MessagingLogger = {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
};
