// Which errors mean "a dependency is away, retry" (503) rather than "our bug" (500). The drivers'
// errors are produced for real where that is cheap (a refused connection), else built the way
// the drivers build them; the restart fault test meets them all under traffic.
import net from 'node:net';
import { UniqueConstraintViolationException, DriverException } from '@mikro-orm/core';
import pg from 'pg';

const { DatabaseError } = pg;
import { describe, expect, it } from 'vitest';
import { isUnavailable } from '../../api/errors';

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
