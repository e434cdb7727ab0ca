#!/usr/bin/env node
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';

const program = buildProgram().exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (error: unknown) {
  if (!(error instanceof CommanderError)) throw error;
  // Help and version exit 0; every usage error exits 2, as the CLI contract says.
  process.exitCode = error.exitCode === 0 ? 0 : 2;
}
