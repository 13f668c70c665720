// The API module against a real local HTTP server: how each kind of answer reaches the app.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, test } from 'node:test';

const answers = {
  '/api/v1/ok': (res) => json(res, 200, { items: [] }),
  '/api/v1/gone': (res) => json(res, 404, { error: { code: 'not_found', message: 'No such track', details: {} } }),
  '/api/v1/html': (res) => { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end('<h1>router</h1>'); },
  '/api/v1/empty': (res) => { res.writeHead(204); res.end(); },
  '/api/v1/expired': (res) => json(res, 401, { error: { code: 'token_expired', message: 'expired', details: {} } }),
};
const seen = [];
function json(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

let server;
let base;
let api;
const store = new Map();

before(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url, auth: req.headers.authorization });
    (answers[req.url.split('?')[0]] || ((r) => json(r, 500, {})))(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  // The two parts of HTML5+ the module reads: storage, and webviews for broadcasting.
  globalThis.plus = {
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, String(v)),
      removeItem: (k) => store.delete(k) },
    webview: { all: () => [] },
  };
  globalThis.location = { protocol: 'file:', origin: 'null' };
  api = await import('../../mobile/js/api.js');
});
after(() => server.close());
beforeEach(() => { store.clear(); store.set('tapcast.server', base); seen.length = 0; });

test('a JSON answer is returned, with the token when signed in', async () => {
  store.set('tapcast.token', 'tok');
  assert.deepEqual(await api.request('GET', '/ok', { query: { q: 'fox', empty: '' } }), { items: [] });
  assert.deepEqual(seen, [{ path: '/api/v1/ok?q=fox', auth: 'Bearer tok' }]);
});

test('204 is null', async () => {
  assert.equal(await api.request('DELETE', '/empty'), null);
});

test("an API error keeps the server's code and message", async () => {
  await assert.rejects(api.request('GET', '/gone'),
    { name: 'Error', status: 404, code: 'not_found', message: 'No such track' });
});

test('an answer that is not JSON says the address is not a Tapcast server', async () => {
  await assert.rejects(api.request('GET', '/html'),
    { code: 'not_tapcast', message: new RegExp(`${base} answered, but not like a Tapcast server`) });
});

test('a refused token ends the session', async () => {
  store.set('tapcast.token', 'old');
  store.set('tapcast.user', '{"username":"ann"}');
  await assert.rejects(api.request('GET', '/expired', { quiet: true }),
    { status: 401, message: /session has expired/ });
  assert.equal(store.has('tapcast.token'), false);
  assert.equal(store.has('tapcast.user'), false);
});

test('no server address, and a server that does not answer, each say what to do', async () => {
  store.delete('tapcast.server');
  await assert.rejects(api.request('GET', '/ok'), { code: 'no_server', message: /Me › Server/ });
  const closed = createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const down = `http://127.0.0.1:${closed.address().port}`;
  await new Promise((resolve) => closed.close(resolve));
  store.set('tapcast.server', down);
  await assert.rejects(api.request('GET', '/ok'),
    { code: 'unreachable', message: new RegExp(`Can't reach the Tapcast server at ${down}`) });
});
