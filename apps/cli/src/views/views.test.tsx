import { render } from 'ink-testing-library';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import type { PlanRow, RunSummary } from '../bulk/bulk-report.js';
import { ConfirmPrompt } from './confirm-prompt.js';
import { PlanView } from './plan-view.js';
import { progressBar, ProgressView } from './progress-view.js';
import { SummaryView } from './summary-view.js';

const row = (over: Partial<PlanRow>): PlanRow => ({
  eventId: '01a1fedf-0000-7000-8000-000000000001',
  title: 'Sunset kayak tour',
  statusBefore: 'PUBLISHED',
  outcome: 'planned',
  code: null,
  reason: null,
  bookings: 3,
  refund: { amount: 450_000, currency: 'RUB' },
  waitlist: 2,
  crew: 'released',
  change: null,
  ...over,
});

/** Ink attaches its input handler in an effect after the first frame: wait for the frame, then let effects run. */
async function ready(view: { lastFrame(): string | undefined }, frame: string): Promise<void> {
  await vi.waitFor(() => expect(view.lastFrame()).toBe(frame));
  await sleep(10);
}

// Plans wrap at the test terminal's 100 columns: their words, not their line breaks, are what is checked.
describe('PlanView', () => {
  it('shows per event what a cancel touches, and the totals', () => {
    const rows = [
      row({}),
      row({ eventId: '01a1fedf-0000-7000-8000-000000000002', title: 'Regatta', bookings: 1, refund: null, waitlist: 0, crew: null }),
      row({ eventId: '01a1fedf-0000-7000-8000-000000000003', title: 'Old trip', outcome: 'skipped', code: 'ALREADY_CANCELED', reason: 'the event is already canceled' }),
      row({ eventId: '01a1fedf-0000-7000-8000-000000000004', title: null, statusBefore: null, outcome: 'failed', code: 'EVENT_NOT_FOUND', reason: 'event not found' }),
    ];
    const frame = (render(<PlanView kind="cancel" rows={rows} dryRun />).lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Dry run — nothing will be changed.');
    expect(frame).toMatch(/will cancel\s+01a1fedf-0000-7000-8000-000000000001 Sunset kayak tour \[PUBLISHED\]/);
    expect(frame).toContain('3 bookings canceled · refund 4 500.00 RUB · 2 waitlist entries canceled · crew released');
    expect(frame).toContain('1 booking canceled · nothing to refund');
    expect(frame).toMatch(/skip\s+01a1fedf-0000-7000-8000-000000000003 Old trip/);
    expect(frame).toContain('ALREADY_CANCELED: the event is already canceled');
    expect(frame).toMatch(/cannot cancel\s+01a1fedf-0000-7000-8000-000000000004 \(unknown event\)/);
    expect(frame).toContain('4 events: 2 to cancel, 1 skipped, 1 failing; 4 bookings, refund 4 500.00 RUB, 2 waitlist entries, 1 crew released');
  });

  it('shows a reschedule as the move, the bookings kept and the crews asked again', () => {
    const rows = [row({ refund: null, change: { from: '2030-07-01 08:00Z', to: '2030-07-01 10:00Z' }, crew: 're-requested' })];
    const frame = (render(<PlanView kind="reschedule" rows={rows} dryRun={false} />).lastFrame() ?? '').replace(/\s+/g, ' ');
    expect(frame).toContain('Plan (reschedule):');
    expect(frame).toContain('will move');
    expect(frame).toContain('2030-07-01 08:00Z → 2030-07-01 10:00Z · 3 bookings kept, attendees notified · 2 waitlist entries kept · crew re-requested');
    expect(frame).toContain('1 event: 1 to move; 3 bookings, 2 waitlist entries, 1 crew re-requested');
    expect(frame).not.toContain('refund');
  });
});

describe('ConfirmPrompt', () => {
  it('answers yes on "y" and shows the answer', async () => {
    const onAnswer = vi.fn();
    const view = render(<ConfirmPrompt question="Cancel 3 events?" onAnswer={onAnswer} />);
    await ready(view, 'Cancel 3 events? [y/N]');
    view.stdin.write('y');
    await vi.waitFor(() => expect(view.lastFrame()).toBe('Cancel 3 events? [y/N] yes'));
    expect(onAnswer).toHaveBeenCalledWith(true);
  });

  it.each([
    ['n', 'n'],
    ['Enter', '\r'],
    ['Escape', '\u001b'],
    ['Ctrl-C', '\u0003'],
  ])('answers no on %s (the safe default)', async (_key, input) => {
    const onAnswer = vi.fn();
    const view = render(<ConfirmPrompt question="Cancel 3 events?" onAnswer={onAnswer} />);
    await ready(view, 'Cancel 3 events? [y/N]');
    view.stdin.write(input);
    await vi.waitFor(() => expect(view.lastFrame()).toBe('Cancel 3 events? [y/N] no'));
    expect(onAnswer).toHaveBeenCalledWith(false);
  });

  it('ignores other keys and answers once', async () => {
    const onAnswer = vi.fn();
    const view = render(<ConfirmPrompt question="Go?" onAnswer={onAnswer} />);
    await ready(view, 'Go? [y/N]');
    view.stdin.write('x');
    view.stdin.write('y');
    await vi.waitFor(() => expect(view.lastFrame()).toBe('Go? [y/N] yes'));
    view.stdin.write('n');
    await sleep(10);
    expect(onAnswer).toHaveBeenCalledTimes(1);
    expect(onAnswer).toHaveBeenCalledWith(true);
    expect(view.lastFrame()).toBe('Go? [y/N] yes');
  });
});

describe('ProgressView', () => {
  it('draws a bar of what is processed, the counts, the event in hand and each failure', () => {
    const frame =
      render(
        <ProgressView
          kind="cancel"
          total={4}
          done={1}
          skipped={0}
          failed={1}
          current="01a1fedf-… Regatta"
          failures={[{ eventId: 'e-9', title: 'Regatta', code: 'EVENT_NOT_FOUND', reason: 'event not found' }]}
          stopping={false}
          width={20}
        />,
      ).lastFrame() ?? '';
    expect(frame).toContain('[##########----------] 2/4 1 canceled · 0 skipped · 1 failed');
    expect(frame).toContain('working on 01a1fedf-… Regatta');
    expect(frame).toContain('✗ e-9 Regatta: EVENT_NOT_FOUND event not found');
  });

  it('says when it is stopping after Ctrl-C', () => {
    const frame = render(<ProgressView kind="reschedule" total={2} done={1} skipped={0} failed={0} current={null} failures={[]} stopping />).lastFrame() ?? '';
    expect(frame).toContain('1 moved');
    expect(frame).toContain('Interrupted: stopping after this event…');
  });

  it('fills the bar in proportion', () => {
    expect(progressBar(0, 3, 6)).toBe('[------]');
    expect(progressBar(1, 3, 6)).toBe('[##----]');
    expect(progressBar(3, 3, 6)).toBe('[######]');
    expect(progressBar(0, 0, 4)).toBe('[####]');
  });
});

describe('SummaryView', () => {
  const summary = (over: Partial<RunSummary>): RunSummary => ({ total: 5, done: 5, skipped: 0, failed: 0, notRun: 0, interrupted: false, failures: [], ...over });

  it('reports a clean run with its correlation id', () => {
    const frame = render(<SummaryView kind="cancel" summary={summary({ done: 3, skipped: 2 })} correlationId="cli-1" />).lastFrame() ?? '';
    expect(frame).toContain('3 canceled, 2 skipped (already done), 0 failed — of 5.');
    expect(frame).toContain('correlation id cli-1');
    expect(frame).not.toContain('Run the same command again');
  });

  it('lists failures with reasons and tells how to finish an interrupted run', () => {
    const frame =
      render(
        <SummaryView
          kind="reschedule"
          summary={summary({ done: 1, failed: 1, notRun: 3, interrupted: true, failures: [{ eventId: 'e-2', title: 'Regatta', code: 'EVENT_NOT_EDITABLE', reason: 'the event is over' }] })}
          correlationId="cli-2"
        />,
      ).lastFrame() ?? '';
    expect(frame).toContain('Interrupted. 1 moved, 0 skipped (already done), 1 failed, 3 not reached — of 5.');
    expect(frame).toContain('✗ e-2 Regatta: EVENT_NOT_EDITABLE the event is over');
    expect(frame).toContain('Run the same command again: what is done is skipped, the rest is tried again.');
  });
});
