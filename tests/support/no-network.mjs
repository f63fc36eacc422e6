// Preload (node --import) that makes every way of reaching the network throw, so a
// test can prove a command works offline: sockets (net, tls), http, https, http2, dns,
// fetch and WebSocket. Outgoing Unix-socket connections are refused too: nothing in the
// CLI needs one. Stdio pipes are set up before this runs and keep working. Loaded in the
// child process only (NODE_OPTIONS=--import); the test runner itself is not patched.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);
const blocked = (what) =>
  function blockedNetworkCall() {
    const err = new Error(`network access blocked by tests/support/no-network.mjs: ${what}`);
    err.code = 'ERR_NETWORK_BLOCKED';
    throw err;
  };

const net = require('node:net');
net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
net.Socket.prototype.connect = blocked('net.Socket.prototype.connect');

const tls = require('node:tls');
tls.connect = blocked('tls.connect');

for (const name of ['node:http', 'node:https']) {
  const m = require(name);
  m.request = blocked(`${name}.request`);
  m.get = blocked(`${name}.get`);
}

const http2 = require('node:http2');
http2.connect = blocked('http2.connect');

const dns = require('node:dns');
for (const k of Object.keys(dns)) {
  if (typeof dns[k] === 'function' && /^(lookup|resolve)/.test(k)) dns[k] = blocked(`dns.${k}`);
}
for (const k of Object.keys(dns.promises)) {
  if (typeof dns.promises[k] === 'function' && /^(lookup|resolve)/.test(k)) dns.promises[k] = blocked(`dns.promises.${k}`);
}

globalThis.fetch = blocked('fetch');
if (globalThis.WebSocket) globalThis.WebSocket = blocked('WebSocket');

// make `import { request } from 'node:http'` see the patched functions too
syncBuiltinESMExports();

if (process.env.NO_NETWORK_ANNOUNCE) process.stderr.write('no-network: network access is blocked\n');
