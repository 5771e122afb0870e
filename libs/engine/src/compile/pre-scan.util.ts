/**
 * Checks that run before bpmn-moddle sees a file: size, well-formedness, DOCTYPE/entities (XXE,
 * billion laughs), nesting depth, element count and ids that could poison a lookup object.
 * A streaming SAX pass: nothing recursive, memory bounded by the depth limit.
 */
import { Parser } from 'saxen';
import type { CompileLimits, Problem, ProblemCode } from '../contract.types';

export const DEFAULT_LIMITS: CompileLimits = { maxBytes: 5 * 1024 * 1024, maxDepth: 200, maxElements: 20_000 };

/** Ids that would collide with the properties of a plain JavaScript object. */
const RESERVED_IDS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString']);

export function preScan(xml: string, limits: CompileLimits): Problem[] {
  const problems: Problem[] = [];
  const error = (message: string, code: ProblemCode = 'xml') => problems.push({ message, severity: 'error', code });

  const bytes = Buffer.byteLength(xml, 'utf8');
  if (bytes > limits.maxBytes) {
    error(`the file is ${formatBytes(bytes)}, more than the limit of ${formatBytes(limits.maxBytes)}`, 'limit');
    return problems;
  }
  if (xml.trim().length === 0) {
    error('the file is empty');
    return problems;
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    error('the file declares a DOCTYPE or entities, which BPMN files never need and which are refused for safety');
    return problems;
  }

  const parser = new Parser();
  let depth = 0;
  let count = 0;
  let stopped = false;
  const stop = (message: string, code: ProblemCode = 'xml') => {
    if (!stopped) error(message, code);
    stopped = true;
    parser.stop();
  };
  parser.on('openTag', (name, getAttrs, _decode, _selfClosing, getContext) => {
    depth++;
    count++;
    if (depth > limits.maxDepth) return stop(`elements are nested more than ${limits.maxDepth} levels deep (at line ${getContext().line + 1})`, 'limit');
    if (count > limits.maxElements) return stop(`the file has more than ${limits.maxElements} elements`, 'limit');
    const attrs = getAttrs();
    const id = attrs ? attrs.id : undefined;
    if (id !== undefined && RESERVED_IDS.has(id)) error(`the id "${id}" on <${name}> is reserved; choose another id`, 'schema');
  });
  parser.on('closeTag', () => {
    depth--;
  });
  parser.on('error', (err, getContext) => {
    const { line, column } = getContext();
    stop(`the XML is malformed at line ${line + 1}, column ${column + 1}: ${err.message.split('\n')[0]}`);
  });
  parser.on('attention', (text) => {
    if (/^<!(DOCTYPE|ENTITY)/i.test(text)) stop('the file declares a DOCTYPE or entities, which are refused for safety');
  });
  try {
    parser.parse(xml);
  } catch (err) {
    if (!stopped) error(`the XML is malformed: ${(err as Error).message.split('\n')[0]}`);
    stopped = true;
  }
  if (!stopped && depth !== 0) error('the XML ends before all elements are closed (the file may be truncated)');
  return problems;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

