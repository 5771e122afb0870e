/**
 * Expressions in a model: every condition, mapping, collection, script and timer expression is
 * FEEL, checked here at compile time. Anything that looks like JavaScript or JUEL (`${…}`) is
 * refused by name: no JavaScript from a model is ever run.
 */
import type { Problem, ProblemCode } from '../contract.types';
import type { Expr, TimerDef } from '../model.types';
import { analyseFeel, feelSource } from '../feel/feel';
import { checkTimerText } from '../time/timers';
import type { ModdleElement } from './moddle';

const FEEL_LANGUAGES = new Set([
  'feel',
  'text/feel',
  'application/feel',
  'text/x-feel',
  'application/x-feel',
  'http://www.omg.org/spec/feel/20140401',
  'https://www.omg.org/spec/dmn/20191111/feel/',
  'http://www.omg.org/spec/dmn/20180521/feel/',
  'https://www.omg.org/spec/dmn/20230324/feel/',
]);

export function isFeelLanguage(language: string | undefined): boolean {
  return !language || FEEL_LANGUAGES.has(language.trim().toLowerCase());
}

export class ExpressionChecker {
  /** @param defaultLanguage the definitions' `expressionLanguage`, which applies where an expression names none. */
  constructor(
    private readonly problems: Problem[],
    private readonly defaultLanguage?: string,
  ) {}

  private problem(elementId: string, message: string, code: ProblemCode = 'expression'): void {
    this.problems.push({ elementId, message, severity: 'error', code });
  }

  /** A FEEL expression from text; `what` names it in problems ("the condition"). */
  text(text: string | undefined, elementId: string, what: string, required = true): Expr | undefined {
    if (text === undefined || text === null || String(text).trim() === '') {
      if (required) this.problem(elementId, `${what} is empty`);
      return undefined;
    }
    const raw = String(text);
    if (/\$\{|#\{/.test(raw)) {
      this.problem(elementId, `${what} "${clip(raw)}" is a JUEL/JavaScript expression; expressions must be FEEL (for example: score >= 14)`, 'unsupported');
      return undefined;
    }
    const src = feelSource(raw);
    const info = analyseFeel(src);
    if (info.error) {
      this.problem(elementId, `${what} is not valid FEEL: ${info.error}`);
      return undefined;
    }
    for (const p of info.regexProblems) this.problem(elementId, `${what}: ${p}`);
    return { src };
  }

  /** A Camunda 8 attribute: an expression when it starts with `=`, otherwise a literal string. */
  zeebe(text: string | undefined, elementId: string, what: string): Expr | undefined {
    const raw = String(text ?? '');
    if (raw.trim().startsWith('=')) return this.text(raw, elementId, what);
    return { src: JSON.stringify(raw) };
  }

  /** A bpmn:FormalExpression / bpmn:Expression element. */
  element(expr: ModdleElement | undefined, elementId: string, what: string, required = true): Expr | undefined {
    if (!expr) {
      if (required) this.problem(elementId, `${what} is missing`);
      return undefined;
    }
    const language = (expr.language as string | undefined) ?? this.defaultLanguage;
    if (!isFeelLanguage(language)) {
      this.problem(elementId, `${what} is written in "${language}"; only FEEL is supported`, 'unsupported');
      return undefined;
    }
    return this.text(expr.body as string | undefined, elementId, what, required);
  }

  /** A timer definition: exactly one of timeDate / timeDuration / timeCycle, literal ISO/cron or `=FEEL`. */
  timer(def: ModdleElement, elementId: string): TimerDef | undefined {
    const present = (['timeDate', 'timeDuration', 'timeCycle'] as const).filter((k) => def[k]);
    if (present.length !== 1) {
      this.problem(
        elementId,
        present.length === 0
          ? 'the timer has no timeDate, timeDuration or timeCycle'
          : `the timer sets ${present.join(' and ')}; set exactly one`,
      );
      return undefined;
    }
    const key = present[0]!;
    const kind: TimerDef['kind'] = key === 'timeDate' ? 'date' : key === 'timeDuration' ? 'duration' : 'cycle';
    const expr = def[key] as ModdleElement;
    const body = String((expr.body as string | undefined) ?? '').trim();
    const calendar = (def.calendar as string | undefined)?.trim() || undefined;
    const language = (expr.language as string | undefined) ?? this.defaultLanguage;
    if (!isFeelLanguage(language) && language !== 'http://www.w3.org/1999/XPath') {
      this.problem(elementId, `the timer expression is written in "${String(language)}"; use ISO 8601 or FEEL`, 'unsupported');
      return undefined;
    }
    if (body.startsWith('=')) {
      const feel = this.text(body, elementId, `the timer's ${key}`);
      return feel ? { kind, expr: feel, ...(calendar ? { calendar } : {}) } : undefined;
    }
    if (!body) {
      this.problem(elementId, `the timer's ${key} is empty`);
      return undefined;
    }
    const problem = checkTimerText(kind, body);
    if (problem) {
      this.problem(elementId, `the timer's ${key}: ${problem}`);
      return undefined;
    }
    return { kind, text: body, ...(calendar ? { calendar } : {}) };
  }
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}
