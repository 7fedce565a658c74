// Preloaded into the server for the security test (node --require). It records every attempt
// to start a process, open a network connection or read a file once the server has loaded,
// one line each, in the file named by SANDBOX_LOG.
'use strict';
const fs = require('node:fs');
const childProcess = require('node:child_process');
const net = require('node:net');
const http = require('node:http');
const https = require('node:https');
const dns = require('node:dns');

const logFile = process.env.SANDBOX_LOG;
const log = (what) => fs.appendFileSync(logFile, what + '\n');
let armed = false;
// Arm once the event loop runs: module loading (which reads the bundle) is done by then.
setImmediate(() => (armed = true));

function guard(object, name, label) {
  const original = object[name];
  if (typeof original !== 'function') return;
  object[name] = function (...args) {
    if (armed) log(`${label}.${name} ${typeof args[0] === 'string' ? args[0] : typeof args[0] === 'object' && args[0] ? JSON.stringify(args[0]).slice(0, 200) : ''}`);
    return original.apply(this, args);
  };
}

for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) guard(childProcess, name, 'child_process');
for (const name of ['connect', 'createConnection']) guard(net, name, 'net');
for (const name of ['request', 'get']) {
  guard(http, name, 'http');
  guard(https, name, 'https');
}
for (const name of ['lookup', 'resolve']) guard(dns, name, 'dns');
for (const name of ['readFile', 'readFileSync', 'open', 'openSync', 'readdir', 'readdirSync', 'createReadStream']) guard(fs, name, 'fs');
for (const name of ['readFile', 'open', 'readdir', 'stat']) guard(fs.promises, name, 'fs.promises');
if (typeof globalThis.fetch === 'function') {
  const original = globalThis.fetch;
  globalThis.fetch = (...args) => {
    if (armed) log(`fetch ${String(args[0])}`);
    return original(...args);
  };
}
