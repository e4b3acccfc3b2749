/**
 * An open stream and its credential: deliveries are written only after a check passes, a
 * credential that no longer holds ends the stream, and a database that cannot be asked (a
 * restart) holds deliveries instead of ending the stream.
 */
import type { FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../../test/support/patience.ts';
import type { Principal } from './context.ts';
import { type Credential, CredentialWatch } from './credentials.ts';

const request = { headers: { authorization: 'Bearer gt_secret' }, cookies: {} } as unknown as FastifyRequest;
const principal = { user: { id: 'user-1' } } as unknown as Principal;

/** The database's answer, changed by the test: the user, nobody, or "cannot be reached". */
let answer: 'user' | 'nobody' | 'unreachable' = 'user';
const asked: Credential[] = [];
const resolve = async (credential: Credential) => {
  asked.push(credential);
  if (answer === 'unreachable') throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
  return answer === 'user' ? { userId: 'user-1' } : undefined;
};

let watch: CredentialWatch | undefined;
afterEach(() => {
  watch?.close();
  answer = 'user';
  asked.length = 0;
});

function open() {
  watch = new CredentialWatch(resolve, 3_600_000);
  const written: string[] = [];
  let ended = false;
  const stream = watch.watch(request, principal, () => {
    ended = true;
  });
  return { stream, written, ended: () => ended };
}

describe('a watched stream', () => {
  it('writes a delivery once its credential is checked again', async () => {
    const { stream, written } = open();
    stream.deliver(() => written.push('incident 1'));
    expect(written).toEqual([]);
    await waitFor('the delivery', () => written.length === 1);
    expect(asked).toEqual([{ kind: 'token', secret: 'gt_secret' }]);
  });

  it('ends, writing nothing, once the credential no longer holds', async () => {
    const { stream, written, ended } = open();
    answer = 'nobody';
    stream.deliver(() => written.push('incident 1'));
    await waitFor('the stream to end', ended);
    expect(written).toEqual([]);
    stream.deliver(() => written.push('incident 2'));
    await new Promise((r) => setTimeout(r, 20));
    expect(written).toEqual([]);
  });

  it('holds deliveries while the database cannot be asked, and writes them in order once it can', async () => {
    const { stream, written, ended } = open();
    answer = 'unreachable';
    stream.deliver(() => written.push('incident 1'));
    stream.deliver(() => written.push('resync'));
    await waitFor('a check against the away database', () => asked.length >= 1);
    // The periodic re-check also fails: the stream stays open and writes nothing.
    watch!.recheckAll();
    await new Promise((r) => setTimeout(r, 50));
    expect(ended()).toBe(false);
    expect(written).toEqual([]);
    answer = 'user';
    await waitFor('the held deliveries', () => written.length === 2);
    expect(written).toEqual(['incident 1', 'resync']);
    expect(ended()).toBe(false);
  });

  it('ends when a credential revoked during the outage is checked once the database is back', async () => {
    const { stream, written, ended } = open();
    answer = 'unreachable';
    stream.deliver(() => written.push('incident 1'));
    await waitFor('a check against the away database', () => asked.length >= 1);
    answer = 'nobody';
    await waitFor('the stream to end', ended);
    expect(written).toEqual([]);
  });

  it('ends a stream that has held more deliveries than it may keep', async () => {
    const { stream, written, ended } = open();
    answer = 'unreachable';
    for (let i = 0; i <= 1_000; i += 1) stream.deliver(() => written.push(`incident ${i}`));
    expect(ended()).toBe(true);
    answer = 'user';
    await new Promise((r) => setTimeout(r, 1_200));
    expect(written).toEqual([]);
  });
});
