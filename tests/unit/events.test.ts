// Which changes are events, and which addresses a webhook may go to: pure rules, checked here.
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, eventsOfChange } from '../../domain/events';
import { isPublicAddress, urlProblem } from '../../services/destination-guard';

describe('events of a change', () => {
  it('names each change by what it did', () => {
    expect(eventsOfChange('payment', 'due')).toEqual(['invoice.payment_received']);
    expect(eventsOfChange('paid', 'paid')).toEqual(['invoice.paid']);
    expect(eventsOfChange('paused', 'paused')).toEqual(['invoice.paused']);
    expect(eventsOfChange('paused', 'paused', { dispute: true })).toEqual(['invoice.disputed']);
    expect(eventsOfChange('credit_note', 'overdue')).toEqual(['invoice.credited']);
    expect(eventsOfChange('credit_note', 'void')).toEqual(['invoice.credited', 'invoice.voided']);
    expect(eventsOfChange('write_off', 'written_off')).toEqual(['invoice.decided']);
    expect(eventsOfChange('late_fee', 'overdue')).toEqual([]);
  });

  it('reads a ladder step by its action: collections review, or a reminder going out alone', () => {
    expect(eventsOfChange('final_review', 'collections_review', { step: { action: 'collections_review', alone: false } })).toEqual(['invoice.collections_review']);
    expect(eventsOfChange('final_notice', 'final_notice', { step: { action: 'email_client', alone: true } })).toEqual(['invoice.reminder_sent']);
    // Grouped: the client's email carries it, and that is the event.
    expect(eventsOfChange('overdue_1', 'overdue', { step: { action: 'email_client', alone: false } })).toEqual([]);
    expect(eventsOfChange('reminder_sent', 'overdue')).toEqual(['invoice.reminder_sent']);
    expect(eventsOfChange('check_in', 'check_in', { step: { action: 'owner_task', alone: false } })).toEqual([]);
  });

  it('lists every type the issue names', () => {
    expect(EVENT_TYPES).toHaveLength(16);
  });
});

describe('webhook destinations', () => {
  it('tells public addresses from loopback, private, link-local and reserved ones', () => {
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:5db8:d822']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of ['127.0.0.1', '10.0.0.5', '172.20.1.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '224.0.0.1', '::1', '::', 'fe80::1', 'fd12:3456::1', '::ffff:10.0.0.1', '::ffff:127.0.0.1', '::ffff:7f00:1', 'not-an-ip']) {
      expect(isPublicAddress(a), a).toBe(false);
    }
  });

  it('asks for https and no credentials; private hosts only when allowed', () => {
    expect(urlProblem('https://hooks.example.com/dunwell', false)).toBeNull();
    expect(urlProblem('http://hooks.example.com/dunwell', false)).toMatch(/https/);
    expect(urlProblem('https://a:b@hooks.example.com/', false)).toMatch(/password/);
    expect(urlProblem('https://10.0.0.1/x', false)).toMatch(/private/);
    expect(urlProblem('https://localhost/x', false)).toMatch(/private/);
    expect(urlProblem('not a url', false)).toMatch(/absolute/);
    expect(urlProblem('http://127.0.0.1:8080/x', true)).toBeNull();
  });
});
