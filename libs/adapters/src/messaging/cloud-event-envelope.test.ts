import type { OutboxMessage } from '@aquastream/application';
import { describe, expect, it } from 'vitest';
import { amqpEnvelope, toCloudEvent } from './cloud-event-envelope.js';
import { LogMessagePublisher } from './log-message-publisher.js';
import { BrokerHealthCheck } from './broker-health-check.js';
import { RecordingMessagePublisher } from './recording-message-publisher.js';

const message: OutboxMessage = {
  id: '0190b5a2-7c1e-7a00-8000-000000000001',
  type: 'booking.confirmed',
  source: 'urn:aquastream:events',
  subject: 'b-1',
  time: Date.UTC(2026, 5, 1, 9, 30, 15, 123),
  correlationId: 'req-42',
  actorId: 'gateway:sandbox',
  data: { bookingId: 'b-1', ticketCode: 'AQ-ABCDE-FGHIJ', nested: { amount: 150_000, currency: 'RUB' } },
  sequence: 7,
  status: 'PENDING',
  attempts: 0,
  nextAttemptAt: null,
  lastError: null,
  sentAt: null,
};

describe('the CloudEvents envelope', () => {
  it('is CloudEvents 1.0 structured JSON with the id, type, subject, time, data, correlationid and sequence', () => {
    const { routingKey, content, options } = amqpEnvelope(message);
    expect(routingKey).toBe('booking.confirmed');
    expect(JSON.parse(content.toString('utf8'))).toEqual({
      specversion: '1.0',
      id: message.id,
      source: 'urn:aquastream:events',
      type: 'booking.confirmed',
      subject: 'b-1',
      time: '2026-06-01T09:30:15.123Z',
      datacontenttype: 'application/json',
      data: message.data,
      correlationid: 'req-42',
      sequence: 7,
    });
    expect(options).toEqual({
      messageId: message.id,
      correlationId: 'req-42',
      contentType: 'application/cloudevents+json',
      persistent: true,
      type: 'booking.confirmed',
      appId: 'aquastream-events',
      timestamp: Math.floor(message.time / 1000),
    });
  });

  it('is refused by the SDK when it would not be a valid CloudEvent', () => {
    expect(() => toCloudEvent({ ...message, source: '' })).toThrow();
  });
});

describe('LogMessagePublisher (no AMQP_URL)', () => {
  it('hands each CloudEvent to its sink, confirms them all and is always connected', async () => {
    const seen: Record<string, unknown>[] = [];
    const publisher = new LogMessagePublisher((e) => seen.push(e));
    const second = { ...message, id: '0190b5a2-7c1e-7a00-8000-000000000002', sequence: 8 };
    expect(await publisher.publish([message, second])).toEqual([
      { id: message.id, confirmed: true },
      { id: second.id, confirmed: true },
    ]);
    expect(seen.map((e) => [e['id'], e['sequence'], e['type'], e['correlationid']])).toEqual([
      [message.id, 7, 'booking.confirmed', 'req-42'],
      [second.id, 8, 'booking.confirmed', 'req-42'],
    ]);
    expect(publisher.isConnected()).toBe(true);
  });

  it('does not confirm a message whose envelope is invalid', async () => {
    const [outcome] = await new LogMessagePublisher(() => undefined).publish([{ ...message, source: '' }]);
    expect(outcome).toMatchObject({ id: message.id, confirmed: false });
  });
});

describe('BrokerHealthCheck', () => {
  it('is up while connected, down otherwise, and not required unless asked', async () => {
    const publisher = new RecordingMessagePublisher();
    const check = new BrokerHealthCheck(publisher);
    expect([check.name, check.required, new BrokerHealthCheck(publisher, true).required]).toEqual(['broker', false, true]);
    await expect(check.probe()).resolves.toBeUndefined();
    publisher.connected = false;
    await expect(check.probe()).rejects.toThrow('not connected');
  });
});
