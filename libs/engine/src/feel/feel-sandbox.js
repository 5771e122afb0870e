'use strict';
/**
 * FEEL runtime pieces shared by the main thread and the guard worker. Plain CommonJS so that a
 * worker thread can load it without a TypeScript loader.
 *
 * - `safeBuiltins(nowIso)`: FEEL's regular-expression functions on RE2 (linear time, so no
 *   catastrophic backtracking), and `now()` / `today()` from the engine's clock instead of the
 *   system clock (time is an input).
 * - `evaluateToJson(src, context, nowIso)`: evaluate with feelin and convert the result to JSON.
 * - As a worker (`workerData.feelSandbox`): evaluates requests posted by the main thread and hands
 *   results back through a SharedArrayBuffer, so the main thread can wait synchronously with a
 *   time budget and terminate the worker when the budget runs out.
 */
const { isMainThread, parentPort, workerData } = require('node:worker_threads');
const feelin = require('feelin');
const { RE2JS } = require('re2js');

const MAX_REGEX_INPUT = 1_000_000;

function compileRe2(pattern, flags) {
  if (typeof pattern !== 'string' || pattern.length > 10_000) return null;
  let f = 0;
  for (const c of typeof flags === 'string' ? flags : '') {
    if (c === 'i') f |= RE2JS.CASE_INSENSITIVE;
    else if (c === 's') f |= RE2JS.DOTALL;
    else if (c === 'm') f |= RE2JS.MULTILINE;
    else return null;
  }
  try {
    return RE2JS.compile(pattern, f);
  } catch {
    return null;
  }
}

function safeBuiltins(nowIso) {
  const now = new Date(nowIso);
  return {
    matches: (input, pattern, flags) => {
      if (typeof input !== 'string' || input.length > MAX_REGEX_INPUT) return null;
      const re = compileRe2(pattern, flags);
      return re ? re.matcher(input).find() : null;
    },
    replace: (input, pattern, replacement, flags) => {
      if (typeof input !== 'string' || typeof replacement !== 'string' || input.length > MAX_REGEX_INPUT) return null;
      const re = compileRe2(pattern, flags);
      return re ? re.matcher(input).replaceAll(replacement) : null;
    },
    split: (string, delimiter) => {
      if (typeof string !== 'string' || string.length > MAX_REGEX_INPUT) return null;
      const re = compileRe2(delimiter, '');
      return re ? re.split(string, -1) : null;
    },
    now: () => feelin.toFeel(now),
    today: () => feelin.date(nowIso.slice(0, 10)),
  };
}

/** FEEL value → JSON value (temporal values as ISO text, functions and ranges as null). */
function toJson(value, depth = 0) {
  if (value === null || value === undefined) return null;
  if (depth > 100) throw new Error('result nests too deeply');
  const t = typeof value;
  if (t === 'boolean' || t === 'string') return value;
  if (t === 'number') return Number.isFinite(value) ? value : null;
  if (t === 'function') return null;
  if (Array.isArray(value)) return value.map((v) => toJson(v, depth + 1));
  if (t === 'object') {
    const name = value.constructor && value.constructor.name;
    if (name === 'FeelDate' || name === 'FeelTime' || name === 'FeelDateTime' || name === 'FeelDuration') return String(value);
    if (name === 'FeelRange' || name === 'FeelFunction') return null;
    if (typeof value.toNumber === 'function' && name && name.toLowerCase().includes('decimal')) return value.toNumber();
    const out = {};
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
      out[key] = toJson(value[key], depth + 1);
    }
    return out;
  }
  return null;
}

/** Evaluate; returns `{ ok: true, value }` or `{ ok: false, error }` (a syntax error or a failure). */
function evaluateToJson(src, context, nowIso) {
  try {
    const { value, warnings } = feelin.evaluate(src, Object.assign(safeBuiltins(nowIso), context));
    const failure = warnings.find((w) => w.type === 'FUNCTION_INVOCATION_FAILURE' || w.type === 'UNSUPPORTED');
    if (failure) return { ok: false, error: failure.message };
    return { ok: true, value: toJson(value) };
  } catch (err) {
    return { ok: false, error: err && err.message ? String(err.message).split('\n')[0] : 'evaluation failed' };
  }
}

module.exports = { safeBuiltins, evaluateToJson, toJson };

if (!isMainThread && workerData && workerData.feelSandbox) {
  // Layout of the shared buffer: int32[0] = state (0 idle, 1 result ready), int32[1] = byte length,
  // bytes from offset 8 = UTF-8 JSON of `{ ok, value | error }`.
  const shared = workerData.buffer;
  const flag = new Int32Array(shared, 0, 2);
  const bytes = new Uint8Array(shared, 8);
  const encoder = new TextEncoder();
  parentPort.on('message', ({ src, context, nowIso }) => {
    let out = encoder.encode(JSON.stringify(evaluateToJson(src, context, nowIso)));
    if (out.length > bytes.length) out = encoder.encode(JSON.stringify({ ok: false, error: 'result too large' }));
    bytes.set(out);
    Atomics.store(flag, 1, out.length);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });
  Atomics.store(flag, 0, 2); // ready
  Atomics.notify(flag, 0);
}
