import { render, renderToString } from 'ink';
import type { ReactElement } from 'react';
import type { CliIo } from '../output.js';
import { ConfirmPrompt } from './confirm-prompt.js';

/** A view printed once (plans, summaries): no live region, so it stays in the scrollback like ordinary output. */
export function printView(stdout: NodeJS.WriteStream, view: ReactElement): void {
  stdout.write(`${renderToString(view, { columns: stdout.columns > 0 ? stdout.columns : 100 })}\n`);
}

/** Asks a yes/no question on the terminal; only call it when both stdin and stdout are terminals. */
export async function askConfirmation(io: CliIo, question: string): Promise<boolean> {
  let answer = false;
  const app = render(<ConfirmPrompt question={question} onAnswer={(yes) => (answer = yes)} />, {
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: io.stderr,
    // Ctrl-C is an answer (no) here, not a crash: the prompt handles it.
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await app.waitUntilExit();
  return answer;
}

/** A live view redrawn in place (the progress bar); `finish` draws its last state and leaves it on screen. */
export type LiveView = { update(view: ReactElement): void; finish(view: ReactElement): Promise<void> };

export function liveView(io: CliIo, first: ReactElement): LiveView {
  // No useInput below: stdin stays in cooked mode, so Ctrl-C reaches the process as SIGINT (main.ts handles it).
  const app = render(first, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, exitOnCtrlC: false, patchConsole: false });
  return {
    update: (view) => app.rerender(view),
    async finish(view) {
      app.rerender(view);
      app.unmount();
      await app.waitUntilExit();
    },
  };
}
