/**
 * Random sound, block-structured BPMN models for the property tests: sequences, exclusive,
 * parallel and inclusive split/join pairs, loops with a bounded counter, sub-processes, user and
 * service tasks with optional timer boundaries, and intermediate timers. Every block has one
 * entry and one exit, so every token that enters a block leaves it exactly once; the emitter
 * records each block's entry and exit elements so a spec can count that.
 */
import fc from 'fast-check';
import type { Variables } from '../src/contract.types';
import { bpmn, timerEvent } from './bpmn.fixture';

export type Boundary = 'none' | 'interrupting' | 'non-interrupting' | 'message' | 'error';

export type Block =
  | { t: 'task'; kind: 'user' | 'service'; boundary: Boundary; hours: number }
  | { t: 'timer'; hours: number }
  | { t: 'seq'; items: Block[] }
  | { t: 'xor'; branches: Block[] }
  | { t: 'and'; branches: Block[] }
  | { t: 'or'; branches: Block[] }
  | { t: 'loop'; body: Block; max: number }
  | { t: 'sub'; body: Block; boundary: Boundary; hours: number }
  | { t: 'mi'; sequential: boolean; cardinality: number; early: boolean }
  | { t: 'race'; hours: number };

const boundary = fc.constantFrom<Boundary>('none', 'none', 'interrupting', 'non-interrupting', 'message');
const hours = fc.integer({ min: 1, max: 48 });

/** Blocks nested at most `maxDepth` deep (fast-check biases towards the first, a task, as it goes deeper). */
export function blockArbitrary(maxDepth = 4): fc.Arbitrary<Block> {
  const { block } = fc.letrec<{ block: Block }>((tie) => ({
    block: fc.oneof(
      { maxDepth, depthIdentifier: 'block' },
      fc.oneof(
        fc.record({ t: fc.constant('task' as const), kind: fc.constant('user' as const), boundary, hours }),
        fc.record({ t: fc.constant('task' as const), kind: fc.constant('service' as const), boundary: fc.oneof(boundary, fc.constant<Boundary>('error')), hours }),
      ),
      fc.record({ t: fc.constant('timer' as const), hours }),
      fc.record({ t: fc.constant('seq' as const), items: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
      fc.record({ t: fc.constant('xor' as const), branches: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
      fc.record({ t: fc.constant('and' as const), branches: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
      fc.record({ t: fc.constant('or' as const), branches: fc.array(tie('block'), { minLength: 2, maxLength: 3 }) }),
      fc.record({ t: fc.constant('loop' as const), body: tie('block'), max: fc.integer({ min: 1, max: 2 }) }),
      fc.record({ t: fc.constant('sub' as const), body: tie('block'), boundary, hours }),
      fc.record({ t: fc.constant('mi' as const), sequential: fc.boolean(), cardinality: fc.integer({ min: 0, max: 3 }), early: fc.boolean() }),
      fc.record({ t: fc.constant('race' as const), hours }),
    ),
  }));
  return block;
}

/** A block pair that must balance: every activation of `entry` is matched by one of `exit` once the instance completed. */
export interface BlockCheck {
  what: string;
  entry: string;
  exit: string;
  /** Enclosing sub-processes with an interrupting boundary: when one was interrupted, tokens inside were terminated, not lost. */
  within: string[];
}

export interface EmittedModel {
  xml: string;
  /** Split/join pairs, task/merge pairs, sub-processes: entries and exits that must balance. */
  checks: BlockCheck[];
  /** Variables that decide the branches (exclusive choice index, inclusive flags). */
  choiceVariables: { name: string; values: (string | number | boolean)[] }[];
  /** The join that cannot complete, when the model was made unsound on purpose. */
  badJoin?: string;
}

interface Out {
  entry: string;
  exit: string;
}

class Emitter {
  private n = 0;
  readonly checks: BlockCheck[] = [];
  readonly choices: EmittedModel['choiceVariables'] = [];
  private readonly interruptible: string[] = [];
  /** Message names (each message is declared at the top of the file). */
  readonly messages: string[] = [];

  private check(what: string, entry: string, exit: string): void {
    this.checks.push({ what, entry, exit, within: [...this.interruptible] });
  }

  id(prefix: string): string {
    return `${prefix}${++this.n}`;
  }

  flow(out: string[], source: string, target: string, condition?: string): void {
    const id = this.id('f');
    out.push(
      condition === undefined
        ? `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"/>`
        : `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition.replace(/</g, '&lt;')}</bpmn:conditionExpression></bpmn:sequenceFlow>`,
    );
  }

  /** A gateway's default flow is declared on the gateway: build it last, then patch the gateway. */
  private gateway(out: string[], kind: string, id: string, defaultFlow?: string): void {
    out.push(`<bpmn:${kind} id="${id}"${defaultFlow ? ` default="${defaultFlow}"` : ''}/>`);
  }

  private boundaryOn(out: string[], activity: string, b: Boundary, h: number): string | undefined {
    if (b === 'none') return undefined;
    const id = this.id('b');
    const definition =
      b === 'message'
        ? `<bpmn:messageEventDefinition messageRef="msg_${id}"/>`
        : b === 'error'
          ? '<bpmn:errorEventDefinition errorRef="err"/>'
          : timerEvent('timeDuration', `PT${h}H`);
    if (b === 'message') this.messages.push(`msg_${id}`);
    out.push(`<bpmn:boundaryEvent id="${id}" attachedToRef="${activity}" cancelActivity="${b !== 'non-interrupting'}">${definition}</bpmn:boundaryEvent>`);
    if (b === 'non-interrupting') {
      // The extra token of a non-interrupting boundary ends on its own.
      const end = this.id('be');
      out.push(`<bpmn:endEvent id="${end}"/>`);
      this.flow(out, id, end);
      this.check('non-interrupting boundary', id, end);
    }
    return id;
  }

  /** An activity with an optional interrupting boundary whose path rejoins after it through a merge. */
  private activity(out: string[], id: string, b: Boundary, h: number): Out {
    const boundaryId = this.boundaryOn(out, id, b, h);
    if (b === 'none' || b === 'non-interrupting') return { entry: id, exit: id };
    const merge = this.id('m');
    this.gateway(out, 'exclusiveGateway', merge);
    this.flow(out, id, merge);
    this.flow(out, boundaryId!, merge);
    return { entry: id, exit: merge };
  }

  emit(block: Block, out: string[]): Out {
    switch (block.t) {
      case 'task': {
        const id = this.id(block.kind === 'user' ? 'u' : 's');
        out.push(block.kind === 'user' ? `<bpmn:userTask id="${id}"/>` : `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="work"/></bpmn:extensionElements></bpmn:serviceTask>`);
        const result = this.activity(out, id, block.boundary, block.hours);
        if (result.exit !== id) this.check('task with interrupting boundary', id, result.exit);
        return result;
      }
      case 'timer': {
        const id = this.id('w');
        out.push(`<bpmn:intermediateCatchEvent id="${id}">${timerEvent('timeDuration', `PT${block.hours}H`)}</bpmn:intermediateCatchEvent>`);
        return { entry: id, exit: id };
      }
      case 'seq': {
        const parts = block.items.map((b) => this.emit(b, out));
        for (let i = 0; i + 1 < parts.length; i++) this.flow(out, parts[i]!.exit, parts[i + 1]!.entry);
        return { entry: parts[0]!.entry, exit: parts[parts.length - 1]!.exit };
      }
      case 'xor':
      case 'and':
      case 'or': {
        const split = this.id(block.t === 'xor' ? 'xs' : block.t === 'and' ? 'as' : 'os');
        const join = this.id(block.t === 'xor' ? 'xj' : block.t === 'and' ? 'aj' : 'oj');
        const kind = block.t === 'xor' ? 'exclusiveGateway' : block.t === 'and' ? 'parallelGateway' : 'inclusiveGateway';
        const parts = block.branches.map((b) => this.emit(b, out));
        const flows: string[] = [];
        const firstFlowId = `f${this.n + 1}`;
        parts.forEach((part, j) => {
          let condition: string | undefined;
          if (block.t === 'xor' && j > 0) condition = `${split} = ${j}`;
          if (block.t === 'or' && j > 0) condition = `${split}_${j}`;
          this.flow(flows, split, part.entry, condition);
          this.flow(flows, part.exit, join);
        });
        if (block.t === 'xor') this.choices.push({ name: split, values: parts.map((_, j) => j) });
        if (block.t === 'or') for (let j = 1; j < parts.length; j++) this.choices.push({ name: `${split}_${j}`, values: [true, false] });
        // The first branch is the default of exclusive and inclusive splits (taken when no condition holds).
        this.gateway(out, kind, split, block.t === 'and' ? undefined : firstFlowId);
        this.gateway(out, kind, join);
        out.push(...flows);
        this.check(`${block.t} split/join`, split, join);
        return { entry: split, exit: join };
      }
      case 'loop': {
        const counter = this.id('c');
        const init = this.id('li');
        const merge = this.id('lm');
        const inc = this.id('lc');
        const again = this.id('ls');
        out.push(`<bpmn:scriptTask id="${init}" scriptFormat="feel" referral:resultVariable="${counter}"><bpmn:script>0</bpmn:script></bpmn:scriptTask>`);
        out.push(`<bpmn:exclusiveGateway id="${merge}"/>`);
        out.push(`<bpmn:scriptTask id="${inc}" scriptFormat="feel" referral:resultVariable="${counter}"><bpmn:script>${counter} + 1</bpmn:script></bpmn:scriptTask>`);
        const body = this.emit(block.body, out);
        const flows: string[] = [];
        this.flow(flows, init, merge);
        this.flow(flows, merge, body.entry);
        this.flow(flows, body.exit, inc);
        this.flow(flows, inc, again);
        const exit = this.id('lx');
        const exitFlow = `f${this.n + 1}`;
        // The loop leaves through a pass-through task so the split has a target of its own.
        out.push(`<bpmn:task id="${exit}"/>`);
        this.flow(flows, again, exit);
        this.flow(flows, again, merge, `${counter} < ${block.max}`);
        out.push(`<bpmn:exclusiveGateway id="${again}" default="${exitFlow}"/>`);
        out.push(...flows);
        this.check('loop', init, exit);
        return { entry: init, exit };
      }
      case 'mi': {
        const id = this.id('mi');
        const completion = block.early ? '<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">nrOfCompletedInstances >= 1</bpmn:completionCondition>' : '';
        out.push(
          `<bpmn:userTask id="${id}"><bpmn:multiInstanceLoopCharacteristics isSequential="${block.sequential}"><bpmn:loopCardinality xsi:type="bpmn:tFormalExpression">${block.cardinality}</bpmn:loopCardinality>${completion}</bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>`,
        );
        return { entry: id, exit: id };
      }
      case 'race': {
        // An event-based gateway: a message against a timer, merged after.
        const gateway = this.id('eg');
        const message = this.id('em');
        const timer = this.id('et');
        const merge = this.id('ej');
        this.messages.push(`msg_${message}`);
        out.push(
          `<bpmn:eventBasedGateway id="${gateway}"/>`,
          `<bpmn:intermediateCatchEvent id="${message}"><bpmn:messageEventDefinition messageRef="msg_${message}"/></bpmn:intermediateCatchEvent>`,
          `<bpmn:intermediateCatchEvent id="${timer}">${timerEvent('timeDuration', `PT${block.hours}H`)}</bpmn:intermediateCatchEvent>`,
          `<bpmn:exclusiveGateway id="${merge}"/>`,
        );
        this.flow(out, gateway, message);
        this.flow(out, gateway, timer);
        this.flow(out, message, merge);
        this.flow(out, timer, merge);
        this.check('event-based gateway', gateway, merge);
        return { entry: gateway, exit: merge };
      }
      case 'sub': {
        const id = this.id('sp');
        const inner: string[] = [];
        const start = this.id('ss');
        const end = this.id('se');
        inner.push(`<bpmn:startEvent id="${start}"/>`, `<bpmn:endEvent id="${end}"/>`);
        const interrupts = block.boundary === 'interrupting' || block.boundary === 'message';
        if (interrupts) this.interruptible.push(id);
        const body = this.emit(block.body, inner);
        if (interrupts) this.interruptible.pop();
        this.flow(inner, start, body.entry);
        this.flow(inner, body.exit, end);
        out.push(`<bpmn:subProcess id="${id}">${inner.join('\n')}</bpmn:subProcess>`);
        const result = this.activity(out, id, block.boundary, block.hours);
        if (result.exit !== id) this.check('sub-process with interrupting boundary', id, result.exit);
        return result;
      }
    }
  }
}

/** The XML of a process: start → block → end (or, with `unsound`, start → block → an exclusive split joined by a parallel gateway → end). */
export function emitModel(block: Block, unsound?: Block[]): EmittedModel {
  const e = new Emitter();
  const out: string[] = ['<bpmn:startEvent id="start"/>', '<bpmn:endEvent id="end"/>'];
  const body = e.emit(block, out);
  e.flow(out, 'start', body.entry);
  let last = body.exit;
  let badJoin: string | undefined;
  if (unsound) {
    const split = 'badSplit';
    badJoin = 'badJoin';
    out.push(`<bpmn:exclusiveGateway id="${split}"/>`, `<bpmn:parallelGateway id="${badJoin}"/>`);
    e.flow(out, last, split);
    unsound.forEach((b, j) => {
      const part = e.emit(b, out);
      e.flow(out, split, part.entry, j === 0 ? 'true' : 'false');
      e.flow(out, part.exit, badJoin!);
    });
    last = badJoin;
  }
  e.flow(out, last, 'end');
  const roots = ['<bpmn:error id="err" errorCode="E"/>', ...e.messages.map((m) => `<bpmn:message id="${m}" name="${m}"/>`)].join('');
  return { xml: bpmn(out.join('\n'), { roots }), checks: e.checks, choiceVariables: e.choices, ...(badJoin ? { badJoin } : {}) };
}

/** Start variables choosing each branch from a stream of random numbers. */
export function pickChoices(model: EmittedModel, picks: number[]): Variables {
  const out: Variables = {};
  model.choiceVariables.forEach((c, i) => {
    out[c.name] = c.values[(picks[i % Math.max(picks.length, 1)] ?? 0) % c.values.length]!;
  });
  return out;
}

/** A compact description of a block, for failure messages. */
export function describeBlock(b: Block): string {
  switch (b.t) {
    case 'task':
      return `${b.kind}${b.boundary === 'none' ? '' : `[${b.boundary}]`}`;
    case 'timer':
      return 'timer';
    case 'mi':
      return `mi${b.sequential ? 'Seq' : 'Par'}${b.cardinality}${b.early ? 'early' : ''}`;
    case 'race':
      return 'race';
    case 'seq':
      return `seq(${b.items.map(describeBlock).join(', ')})`;
    case 'loop':
      return `loop${b.max}(${describeBlock(b.body)})`;
    case 'sub':
      return `sub${b.boundary === 'none' ? '' : `[${b.boundary}]`}(${describeBlock(b.body)})`;
    default:
      return `${b.t}(${b.branches.map(describeBlock).join(' | ')})`;
  }
}
