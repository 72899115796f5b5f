// Which errors mean "a dependency is away, retry" (503) rather than "our bug" (500). The drivers'
// errors are produced for real where that is cheap (a refused connection), else built the way
// the drivers build them; the restart fault test meets them all under traffic.
import net from 'node:net';
import { UniqueConstraintViolationException, DriverException } from '@mikro-orm/core';
import pg from 'pg';

const { DatabaseError } = pg;
import { describe, expect, it } from 'vitest';
import { errorHandler, isUnavailable } from '../../api/errors';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

function sqlError(code: string, message: string): pg.DatabaseError {
  const err = new DatabaseError(message, message.length, 'error');
  err.code = code;
  return err;
}

describe('dependency-unavailable errors', () => {
  it('counts a refused PostgreSQL connection, alone or as one of several addresses', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: await closedPort(), user: 'x', database: 'x', connectionTimeoutMillis: 2000 });
    const refused = await client.connect().then(() => null, (err: unknown) => err);
    expect(refused).toBeInstanceOf(Error);
    expect(isUnavailable(refused)).toBe(true);
    // Node reports a host name whose every address refused as an AggregateError without a message.
    expect(isUnavailable(new AggregateError([refused], ''))).toBe(true);
    // MikroORM wraps what the driver threw and keeps its code.
    expect(isUnavailable(new DriverException(refused as Error))).toBe(true);
  });

  it('counts PostgreSQL shutting down, starting up and dropped connections', () => {
    expect(isUnavailable(sqlError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isUnavailable(sqlError('57P03', 'the database system is starting up'))).toBe(true);
    expect(isUnavailable(sqlError('08006', 'connection failure'))).toBe(true);
    expect(isUnavailable(sqlError('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isUnavailable(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(true);
    expect(isUnavailable(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'))).toBe(true);
    expect(isUnavailable(new Error('Transaction query already complete, run with DEBUG=knex:tx for more info'))).toBe(true);
    expect(isUnavailable(new Error('rollback failed', { cause: sqlError('57P01', 'terminating connection') }))).toBe(true);
  });

  it('does not hide our own mistakes or a conflict behind a 503', () => {
    expect(isUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isUnavailable(new UniqueConstraintViolationException(sqlError('23505', 'duplicate key value violates unique constraint')))).toBe(false);
    expect(isUnavailable(sqlError('42P01', 'relation "invoice" does not exist'))).toBe(false);
    expect(isUnavailable(new AggregateError([new Error('boom')], ''))).toBe(false);
  });
});

/** What the API answers for an error, through its one error handler. */
function answer(err: unknown): { status: number; body: any } {
  const out = { status: 0, body: undefined as any };
  const res = { status(s: number) { out.status = s; return res; }, set() { return res; }, json(b: unknown) { out.body = b; return res; } };
  errorHandler(err, { method: 'POST', path: '/v1/invoices' } as never, res as never, () => {});
  return out;
}

describe('SQL data and integrity errors are the request, never a dependency down', () => {
  it('a protocol violation (a NUL byte in a parameter) and data exceptions are not "unavailable"', () => {
    expect(isUnavailable(sqlError('08P01', 'invalid message format'))).toBe(false);
    expect(isUnavailable(sqlError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'))).toBe(false);
    expect(isUnavailable(sqlError('22003', 'value "99999999999999999999" is out of range for type bigint'))).toBe(false);
    expect(isUnavailable(sqlError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isUnavailable(new DriverException(sqlError('08P01', 'invalid message format')))).toBe(false);
    // Even when wrapped by something whose own words look like an outage.
    expect(isUnavailable(new Error('UNAVAILABLE: write failed', { cause: sqlError('22021', 'invalid byte sequence') }))).toBe(false);
    // The connection failures of class 08 still are.
    for (const code of ['08000', '08001', '08003', '08004', '08006', '08007']) expect(isUnavailable(sqlError(code, 'connection failure'))).toBe(true);
  });

  it('answers 400 for a value that could not be stored, 409 for an integrity conflict, 503 only for an outage', () => {
    for (const err of [sqlError('08P01', 'invalid message format'), sqlError('22021', 'invalid byte sequence'), sqlError('22P02', 'invalid input syntax for type uuid'), new DriverException(sqlError('22003', 'out of range'))]) {
      const { status, body } = answer(err);
      expect(status).toBe(400);
      expect(body.error).toMatchObject({ type: 'invalid_request', message: expect.stringMatching(/could not be stored/) });
    }
    for (const err of [sqlError('23505', 'duplicate key'), new UniqueConstraintViolationException(sqlError('23505', 'duplicate key')), sqlError('23503', 'foreign key')]) {
      expect(answer(err).status).toBe(409);
      expect(answer(err).body.error.type).toBe('conflict');
    }
    expect(answer(sqlError('08006', 'connection failure')).status).toBe(503);
    expect(answer(sqlError('57P01', 'terminating connection')).status).toBe(503);
  });
});
