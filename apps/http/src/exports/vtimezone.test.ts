import { describe, expect, it } from 'vitest';
import { vtimezone } from './vtimezone.js';

const lines = (text: string | null) => (text ?? '').split('\r\n');

describe('vtimezone', () => {
  it('lists the DST changes of a zone that has them, with the local times and offsets of RFC 5545', () => {
    const text = vtimezone('Europe/Berlin', 2026, 2026);
    expect(lines(text)).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Berlin',
      'X-LIC-LOCATION:Europe/Berlin',
      'BEGIN:STANDARD',
      'DTSTART:20260101T000000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0100',
      'TZNAME:GMT+1',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:20260329T020000',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'TZNAME:GMT+2',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'DTSTART:20261025T030000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'TZNAME:GMT+1',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('gives a zone without DST one standard observance', () => {
    const text = lines(vtimezone('Europe/Moscow', 2026, 2027));
    expect(text.filter((l) => l.startsWith('BEGIN:'))).toEqual(['BEGIN:VTIMEZONE', 'BEGIN:STANDARD']);
    expect(text).toContain('TZOFFSETTO:+0300');
  });

  it('handles half-hour offsets and southern-hemisphere summers', () => {
    const text = lines(vtimezone('Australia/Adelaide', 2026, 2026));
    expect(text).toContain('TZOFFSETTO:+1030');
    expect(text).toContain('TZOFFSETTO:+0930');
    expect(text.filter((l) => l === 'BEGIN:DAYLIGHT')).toHaveLength(2); // January is summer there
  });

  it('answers null for a zone that does not exist', () => {
    expect(vtimezone('Nowhere/Atlantis', 2026, 2026)).toBeNull();
  });
});
