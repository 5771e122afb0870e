/**
 * Tasks that do their work inside the engine: plain and manual tasks pass straight through,
 * script tasks evaluate a FEEL expression, business rule tasks a FEEL decision.
 */
import type { Behaviour } from '../runner';

export const passThroughBehaviour: Behaviour = {
  execute(r, ei) {
    r.complete(ei);
  },
};

export const scriptBehaviour: Behaviour = {
  execute(r, ei, node) {
    const script = node.script;
    if (!script) return r.complete(ei);
    const value = r.guard(ei, () => r.evaluate(script.expr, ei.id));
    if (value === undefined) return;
    if (script.resultVariable) return r.complete(ei, { [script.resultVariable]: value });
    r.complete(ei);
  },
};
