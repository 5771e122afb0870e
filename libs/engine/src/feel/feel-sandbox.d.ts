import type { JsonValue } from '../contract.types';

export type SandboxResult = { ok: true; value: JsonValue } | { ok: false; error: string };
export function safeBuiltins(nowIso: string): Record<string, unknown>;
export function evaluateToJson(src: string, context: Record<string, unknown>, nowIso: string): SandboxResult;
export function toJson(value: unknown): JsonValue;
