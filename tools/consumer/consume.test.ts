// The consumer example, run as operators run it (`node tools/consumer/consume.mjs`) against the real broker: it prints
// what the relay publishes, drops a redelivered duplicate by messageId, and dead-letters what is not a CloudEvent.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { OutboxMessage } from '@aquastream/application';
import { AmqpMessagePublisher, declareTopology, deleteTopology, messagingTopology } from '@aquastream/adapters';
import { connect } from 'amqplib';
import { afterAll, describe, expect, it } from 'vitest';

const url = process.env['TEST_AMQP_URL'];
const script = join(import.meta.dirname, 'consume.mjs');

function message(sequence: number, id: string): OutboxMessage {
  return {
    id, type: 'booking.confirmed', source: 'urn:aquastream:events', subject: 'booking-1', time: Date.UTC(2026, 5, 1, 9, 0, 0),
    correlationId: 'req-1', actorId: 'ann', data: { bookingId: 'booking-1', ticketCode: 'AQ-ABCDE-FGHIJ' }, sequence,
    status: 'PENDING', attempts: 0, nextAttemptAt: null, lastError: null, sentAt: null,
  };
}

describe.skipIf(url === undefined || url === '')(`tools/consumer/consume.mjs${url ? '' : ' (skipped: TEST_AMQP_URL not set)'}`, () => {
  const prefix = `consumer-test-${randomBytes(4).toString('hex')}.`;
  const topology = messagingTopology(prefix);
  let child: ChildProcessWithoutNullStreams | null = null;

  afterAll(async () => {
    child?.kill();
    const connection = await connect(url ?? '');
    const channel = await connection.createChannel();
    await deleteTopology(channel, topology);
    await connection.close();
  });

  it('prints messages, drops a duplicate, warns of a gap and dead-letters what it cannot read', async () => {
    child = spawn('node', [script, '--url', url ?? '', '--prefix', prefix, '--count', '4', '--json']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const listening = new Promise<void>((resolve) =>
      child?.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes('listening on')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child?.on('exit', resolve));
    await listening;

    const publisher = await AmqpMessagePublisher.start({ url: url ?? '', topology });
    await publisher.waitForConnection();
    const first = message(1, '0190b5a2-7c1e-7a00-8000-00000000000a');
    const third = message(3, '0190b5a2-7c1e-7a00-8000-00000000000c');
    expect(await publisher.publish([first])).toEqual([{ id: first.id, confirmed: true }]);
    // A redelivery after a relay crash: same messageId.
    await publisher.publish([first]);
    await publisher.publish([third]);
    await publisher.close();
    const connection = await connect(url ?? '');
    const channel = await connection.createConfirmChannel();
    await declareTopology(channel, topology);
    channel.publish(topology.exchange, 'booking.created', Buffer.from('not json'), { messageId: 'garbage-1' });
    await channel.waitForConfirms();

    expect(await exited).toBe(0);
    const printed = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(printed.map((e) => [e['id'], e['sequence'], e['type'], e['correlationid']])).toEqual([
      [first.id, 1, 'booking.confirmed', 'req-1'],
      [third.id, 3, 'booking.confirmed', 'req-1'],
    ]);
    expect(stderr).toContain(`duplicate dropped: booking.confirmed id=${first.id}`);
    expect(stderr).toContain('sequence 3 after 1 for subject booking-1: gap');
    expect(stderr).toContain('rejected (not a CloudEvent): messageId=garbage-1');
    // The broker dead-letters the rejected message on its own time: look until it is there.
    let dead: Awaited<ReturnType<typeof channel.get>> = false;
    for (let i = 0; i < 200 && dead === false; i += 1) {
      dead = await channel.get(topology.deadLetterQueue, { noAck: true });
      if (dead === false) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(dead === false ? null : { body: dead.content.toString(), messageId: dead.properties.messageId }).toEqual({ body: 'not json', messageId: 'garbage-1' });
    await connection.close();
  }, 60_000);
});
