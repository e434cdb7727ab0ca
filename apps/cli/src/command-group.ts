import type { Command } from 'commander';

/** The command group `name` under `parent` (`events`, `db`, …), created on first use so that several files add to it. */
export function commandGroup(parent: Command, name: string, description: string): Command {
  const existing = parent.commands.find((c) => c.name() === name);
  return existing ?? parent.command(name).description(description);
}
