import { Text, useApp, useInput } from 'ink';
import { useEffect, useState } from 'react';

export type ConfirmPromptProps = {
  readonly question: string;
  readonly onAnswer: (yes: boolean) => void;
};

/**
 * `Cancel 12 events? [y/N]`: y answers yes; n, Enter, Escape or Ctrl-C answer no (the safe default). Only shown on a
 * terminal: useInput puts stdin into raw mode, which a pipe does not have.
 */
export function ConfirmPrompt({ question, onAnswer }: ConfirmPromptProps) {
  const { exit } = useApp();
  const [answer, setAnswer] = useState<boolean | null>(null);
  useInput((input, key) => {
    if (answer !== null) return;
    const yes = input.toLowerCase() === 'y';
    const no = input.toLowerCase() === 'n' || key.return || key.escape || (key.ctrl && input === 'c');
    if (!yes && !no) return;
    setAnswer(yes);
    onAnswer(yes);
  });
  // Exit after the answer is drawn, so the screen keeps `[y/N] yes` as a record of what was answered.
  useEffect(() => {
    if (answer !== null) exit();
  }, [answer, exit]);
  // The question appears only once useInput's effects (raw mode, listener) have run — they are declared first, so
  // they run first: a key pressed as soon as the question shows is never lost in the terminal's line buffer.
  const [listening, setListening] = useState(false);
  useEffect(() => setListening(true), []);
  if (!listening) return null;
  return (
    <Text>
      <Text bold color="yellow">
        {question}
      </Text>{' '}
      [y/N] {answer === null ? '' : answer ? 'yes' : 'no'}
    </Text>
  );
}
