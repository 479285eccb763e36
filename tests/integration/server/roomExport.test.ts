import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { TestClient } from '../../helpers/testClient.js';

let t: TestServer | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const get = (url: string, token: string) =>
  fetch(url, { headers: { Authorization: `Bearer ${token}` } });

describe('room export', () => {
  it('gives the owner the whole room as JSON and as a readable, escaped HTML transcript', async () => {
    t = await startTestServer({ segmentSize: 5 });
    const owner = await TestClient.join(t.server.url, 'Owner');
    const other = await TestClient.join(t.server.url, 'Other');
    const created = await owner.request({ type: 'room:create', name: 'plans' });
    if (created.type !== 'room:joined') throw new Error('no room');
    const roomId = created.room.id;
    await other.request({ type: 'room:join', roomId });
    for (let i = 0; i < 12; i++) await owner.say(roomId, `line ${i}`);
    await other.say(roomId, '<script>alert(1)</script>');
    const base = `${t.server.url}/api/rooms/${roomId}/export`;

    const json = await get(`${base}?format=json`, owner.token!);
    expect(json.status).toBe(200);
    const body = (await json.json()) as {
      messages: { text: string }[];
      users: Record<string, string>;
    };
    expect(body.messages).toHaveLength(13);
    expect(body.users[other.userId!]).toBe('Other');

    const html = await get(`${base}?format=html`, owner.token!);
    expect(html.headers.get('content-type')).toContain('text/html');
    const text = await html.text();
    expect(text).toContain('line 11');
    expect(text).toContain('&#60;script&#62;');
    expect(text).not.toContain('<script>');

    expect((await get(base, other.token!)).status).toBe(403);
    expect((await get(`${base}?format=pdf`, owner.token!)).status).toBe(400);
    await Promise.all([owner.close(), other.close()]);
  });
});
