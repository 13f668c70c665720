// The server address the user types is checked before the app uses it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseServerUrl, playbackPath } from '../../mobile/js/settings.js';

const accepted = [
  ['http://192.168.1.20:5000', 'http://192.168.1.20:5000'],
  ['192.168.1.20:5000', 'http://192.168.1.20:5000'],
  ['  https://music.example.org/  ', 'https://music.example.org'],
  ['https://example.org/tapcast//', 'https://example.org/tapcast'],
];

for (const [input, expected] of accepted) {
  test(`accepts ${JSON.stringify(input)}`, () => assert.equal(parseServerUrl(input), expected));
}

for (const input of ['', '   ', 'http://exa mple:5000', 'ftp://example.org', 'http://', 'javascript:alert(1)']) {
  test(`refuses ${JSON.stringify(input)} with a hint`, () => {
    assert.throws(() => parseServerUrl(input), /like http:\/\/192\.168\.1\.20:5000/);
  });
}

test('the data saver asks for a lower bit rate on track audio only', () => {
  assert.equal(playbackPath('/media/tracks/abc/audio', true), '/media/tracks/abc/audio?max_bitrate=64');
  assert.equal(playbackPath('/media/tracks/abc/audio', false), '/media/tracks/abc/audio');
  assert.equal(playbackPath('/media/voice/xyz', true), '/media/voice/xyz');
});
