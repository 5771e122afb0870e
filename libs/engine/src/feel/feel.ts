/**
 * FEEL, and only FEEL (the `feelin` package): syntax checks at compile time, evaluation at run
 * time with a time budget.
 *
 * Why evaluation looks the way it does:
 * - feelin parses on every call (~0.1 ms), so results are memoised per expression on the values of
 *   the variables it references. FEEL is pure once `now()`/`today()` come from the engine's clock
 *   (expressions that use them are not memoised), so a memoised result is the result.
 * - Expressions without iteration or user-defined functions run in-process: they are linear in
 *   the size of their input, and the regular-expression functions run on RE2, which cannot
 *   backtrack catastrophically.
 * - Expressions with iteration (`for`, `some`/`every`, ranges) or function definitions could run
 *   unboundedly, so they run in a worker thread that the engine waits on synchronously for at
 *   most the time budget; past it, the worker is terminated and the evaluation fails.
 */
import { Worker } from 'node:worker_threads';
import * as path from 'node:path';
import { parseExpression } from 'feelin';
import { RE2JS } from 're2js';
import type { JsonValue } from '../contract.types';
import { evaluateToJson } from './feel-sandbox';

export interface FeelInfo {
  src: string;
  /** A syntax problem, if the expression does not parse. */
  error?: string;
  /** Variable names the expression reads. */
  names: string[];
  /** Needs the time-budgeted worker. */
  guarded: boolean;
  /** Reads the clock (`now()`, `today()`): not memoised. */
  usesClock: boolean;
  /** Problems with regular-expression literals (RE2 syntax, nested quantifiers). */
  regexProblems: string[];
}

export class FeelEvaluationError extends Error {
  constructor(
    message: string,
    readonly reason: 'syntax' | 'failure' | 'timeout',
  ) {
    super(message);
  }
}

const GUARDED_NODES = new Set(['ForExpression', 'QuantifiedExpression', 'FunctionDefinition', 'Interval', 'IterationContext']);
const REGEX_FUNCTIONS = new Set(['matches', 'replace', 'split']);
const MAX_SOURCE = 10_000;
const MAX_MEMO_KEY = 2_048;
const MAX_MEMO_PER_EXPRESSION = 512;
const MAX_EXPRESSIONS = 4_096;
export const DEFAULT_FEEL_BUDGET_MS = 250;

/** Strip the Camunda-style leading `=` of an expression. */
export function feelSource(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('=') ? trimmed.slice(1).trim() : trimmed;
}

interface Cached {
  info: FeelInfo;
  memo: Map<string, JsonValue>;
}
const cache = new Map<string, Cached>();

function cached(src: string): Cached {
  let entry = cache.get(src);
  if (!entry) {
    if (cache.size >= MAX_EXPRESSIONS) cache.clear();
    entry = { info: analyse(src), memo: new Map() };
    cache.set(src, entry);
  }
  return entry;
}

/** What an expression reads and whether it parses. Pure; cached. */
export function analyseFeel(src: string): FeelInfo {
  return cached(src).info;
}

function analyse(src: string): FeelInfo {
  const info: FeelInfo = { src, names: [], guarded: false, usesClock: false, regexProblems: [] };
  if (src.length === 0) {
    info.error = 'the expression is empty';
    return info;
  }
  if (src.length > MAX_SOURCE) {
    info.error = `the expression is longer than ${MAX_SOURCE} characters`;
    return info;
  }
  let tree;
  try {
    tree = parseExpression(src, {}, undefined);
  } catch (err) {
    info.error = `FEEL does not parse: ${(err as Error).message}`;
    return info;
  }
  const names = new Set<string>();
  const callees = new Set<number>();
  let filterDepth = 0;
  const filterStack: number[] = [];
  tree.iterate({
    enter(node) {
      if (info.error) return false;
      if (node.type.isError) {
        info.error = `FEEL syntax error at position ${node.from + 1} of "${clip(src)}"`;
        return false;
      }
      if (GUARDED_NODES.has(node.name)) info.guarded = true;
      if (node.name === 'FilterExpression') {
        filterDepth++;
        filterStack.push(node.to);
        if (filterDepth > 1) info.guarded = true;
      }
      if (node.name === 'VariableName') {
        const name = src.slice(node.from, node.to).replace(/\s+/g, ' ');
        // A function's name is not a variable: passing a variable of that name (count, date, now)
        // into the context would shadow the built-in function.
        if (!callees.has(node.from)) names.add(name);
        if (name === 'now' || name === 'today') info.usesClock = true;
      }
      if (node.name === 'FunctionInvocation') {
        const fn = node.node.firstChild;
        if (fn) callees.add(fn.from);
        const fnName = fn ? src.slice(fn.from, fn.to) : '';
        if (REGEX_FUNCTIONS.has(fnName)) checkRegexLiteral(node.node, src, fnName, info);
      }
      return undefined;
    },
    leave(node) {
      if (node.name === 'FilterExpression' && filterStack[filterStack.length - 1] === node.to) {
        filterStack.pop();
        filterDepth--;
      }
    },
  });
  info.names = [...names];
  return info;
}

// The pattern is the second argument of matches / replace / split.
function checkRegexLiteral(call: import('@lezer/common').SyntaxNode, src: string, fnName: string, info: FeelInfo): void {
  const params = call.getChild('PositionalParameters');
  if (!params) return;
  const args: import('@lezer/common').SyntaxNode[] = [];
  for (let child = params.firstChild; child; child = child.nextSibling) {
    if (child.name !== '(' && child.name !== ')' && child.name !== ',') args.push(child);
  }
  const pattern = args[1];
  if (!pattern || pattern.name !== 'StringLiteral') return;
  const text = unquote(src.slice(pattern.from, pattern.to));
  try {
    RE2JS.compile(text);
  } catch (err) {
    info.regexProblems.push(`the pattern "${clip(text)}" of ${fnName}() is not a valid regular expression: ${(err as Error).message}`);
    return;
  }
  if (hasNestedQuantifier(text)) {
    info.regexProblems.push(
      `the pattern "${clip(text)}" of ${fnName}() nests quantifiers (like (a+)+), which is a catastrophic-backtracking risk; rewrite it without a repeated group that itself repeats`,
    );
  }
}

function unquote(literal: string): string {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return literal.slice(1, -1);
  }
}

/**
 * A heuristic for catastrophic backtracking: an unbounded quantifier on a group whose first atom is
 * itself quantified (`(a+)+`, `(\\w*)*`, `((a+)b)*`) or whose alternatives can start alike
 * (`(a|aa)*`). `(\\.[a-z]+)*` is fine: each repetition must start with a dot.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  interface Frame { atoms: number; firstQuantified: boolean; starts: string[]; overlapping: boolean }
  const root: Frame = { atoms: 0, firstQuantified: false, starts: [], overlapping: false };
  const stack: Frame[] = [root];
  let lastGroup: Frame | undefined;
  const top = () => stack[stack.length - 1]!;
  const atom = (first: string) => {
    const frame = top();
    if (frame.atoms === 0) {
      if (frame.starts.includes(first)) frame.overlapping = true;
      frame.starts.push(first);
    }
    frame.atoms++;
    lastGroup = undefined;
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      atom(pattern.slice(i, i + 2));
      i++;
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      atom(pattern.slice(i, end < 0 ? pattern.length : end + 1));
      i = end < 0 ? pattern.length : end;
    } else if (c === '(') {
      if (pattern[i + 1] === '?') i += pattern[i + 2] === '<' ? pattern.indexOf('>', i) - i : 2;
      stack.push({ atoms: 0, firstQuantified: false, starts: [], overlapping: false });
      lastGroup = undefined;
    } else if (c === ')') {
      if (stack.length === 1) return false;
      const group = stack.pop()!;
      const parent = top();
      if (parent.atoms === 0 && group.firstQuantified) parent.firstQuantified = true;
      atom('(');
      lastGroup = group;
    } else if (c === '|') {
      top().atoms = 0;
      lastGroup = undefined;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      const unbounded = c === '*' || c === '+' || (c === '{' && /^\{\d*,\}/.test(pattern.slice(i)));
      if (unbounded && lastGroup && (lastGroup.firstQuantified || lastGroup.overlapping)) return true;
      if (top().atoms === 1) top().firstQuantified = true;
      if (c === '{') i = Math.max(i, pattern.indexOf('}', i));
      lastGroup = undefined;
    } else {
      atom(c === '.' ? '.' : c);
    }
  }
  return false;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// -------------------------------------------------------------------------------------------------
// Evaluation.

export interface FeelScope {
  /** The value of a variable, or undefined when it does not exist. */
  lookup(name: string): JsonValue | undefined;
  now: Date;
  budgetMs?: number;
}

/** Evaluate an expression; throws FeelEvaluationError on a syntax error, a failure or a timeout. */
export function evaluateFeel(src: string, scope: FeelScope): JsonValue {
  const { info, memo } = cached(src);
  if (info.error) throw new FeelEvaluationError(info.error, 'syntax');
  const context: Record<string, JsonValue> = {};
  const values: (JsonValue | undefined)[] = [];
  for (const name of info.names) {
    const value = scope.lookup(name);
    values.push(value);
    if (value !== undefined) context[name] = value;
  }
  let key: string | undefined;
  if (!info.usesClock) {
    key = JSON.stringify(values);
    if (key.length > MAX_MEMO_KEY) key = undefined;
    else if (memo.has(key)) return memo.get(key)!;
  }
  const nowIso = scope.now.toISOString();
  const result = info.guarded
    ? guardedEvaluate(src, context, nowIso, scope.budgetMs ?? DEFAULT_FEEL_BUDGET_MS)
    : evaluateToJson(src, context, nowIso);
  if (!result.ok) throw new FeelEvaluationError(`FEEL evaluation of "${clip(src)}" failed: ${result.error}`, 'failure');
  if (key !== undefined) {
    if (memo.size >= MAX_MEMO_PER_EXPRESSION) memo.clear();
    memo.set(key, result.value);
  }
  return result.value;
}

// -------------------------------------------------------------------------------------------------
// The guard worker: a synchronous call with a time budget.

const BUFFER_BYTES = 1 << 20;
let guard: { worker: Worker; flag: Int32Array; bytes: Uint8Array } | undefined;

function startGuard(): NonNullable<typeof guard> {
  const buffer = new SharedArrayBuffer(8 + BUFFER_BYTES);
  const worker = new Worker(path.join(__dirname, 'feel-sandbox.js'), {
    workerData: { feelSandbox: true, buffer },
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 },
    stdout: false,
    stderr: false,
  });
  worker.unref();
  const forget = () => {
    if (guard?.worker === worker) guard = undefined;
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  const flag = new Int32Array(buffer, 0, 2);
  // Loading feelin in the worker is not part of any evaluation's budget.
  Atomics.wait(flag, 0, 0, 10_000);
  if (Atomics.load(flag, 0) !== 2) {
    void worker.terminate();
    throw new FeelEvaluationError('the FEEL guard worker did not start', 'failure');
  }
  return { worker, flag, bytes: new Uint8Array(buffer, 8) };
}

function guardedEvaluate(src: string, context: Record<string, JsonValue>, nowIso: string, budgetMs: number) {
  guard ??= startGuard();
  const { worker, flag, bytes } = guard;
  Atomics.store(flag, 0, 0);
  worker.postMessage({ src, context, nowIso });
  const outcome = Atomics.wait(flag, 0, 0, budgetMs);
  if (outcome === 'timed-out' && Atomics.load(flag, 0) !== 1) {
    guard = undefined;
    void worker.terminate();
    throw new FeelEvaluationError(`FEEL evaluation of "${clip(src)}" exceeded its time budget of ${budgetMs} ms`, 'timeout');
  }
  const length = Atomics.load(flag, 1);
  return JSON.parse(new TextDecoder().decode(bytes.slice(0, length))) as { ok: true; value: JsonValue } | { ok: false; error: string };
}

/** Stop the guard worker (tests, shutdown). */
export async function stopFeelGuard(): Promise<void> {
  const current = guard;
  guard = undefined;
  if (current) await current.worker.terminate();
}
