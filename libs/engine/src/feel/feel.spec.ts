import type { JsonValue } from '../contract.types';
import { analyseFeel, evaluateFeel, FeelEvaluationError, feelSource, hasNestedQuantifier, stopFeelGuard } from './feel';

const NOW = new Date('2026-03-02T09:30:00.000Z');

function evaluate(src: string, vars: Record<string, JsonValue> = {}, options: { now?: Date; budgetMs?: number } = {}): JsonValue {
  return evaluateFeel(src, { lookup: (name) => vars[name], now: options.now ?? NOW, ...(options.budgetMs ? { budgetMs: options.budgetMs } : {}) });
}

afterAll(() => stopFeelGuard());

describe('FEEL', () => {
  describe('feelSource', () => {
    it('given a Camunda-style expression, when read, then the leading "=" and spaces are stripped', () => {
      expect(feelSource('  = score >= 14 ')).toBe('score >= 14');
      expect(feelSource('score')).toBe('score');
    });
  });

  describe('analyseFeel', () => {
    it('given an expression, when analysed, then it lists the names it reads, including names with spaces', () => {
      expect(analyseFeel('case.score > limit and risk level = "high"').names).toEqual(['case', 'limit', 'risk level']);
    });

    it('given function calls, when analysed, then function names are not read as variables', () => {
      expect(analyseFeel('count(xs) > 2 and date and time(x) < now() and string length(name) > 0').names).toEqual(['xs', 'x', 'name']);
    });

    it('given now() or today(), when analysed, then it is marked as reading the clock', () => {
      expect(analyseFeel('now() > deadline').usesClock).toBe(true);
      expect(analyseFeel('today()').usesClock).toBe(true);
      expect(analyseFeel('date("2026-01-01")').usesClock).toBe(false);
    });

    it.each(['for i in xs return i', 'some x in xs satisfies x > 1', 'every x in xs satisfies x > 1', 'function(a) a + 1', 'xs[item > 1][item < 5]'])(
      'given "%s", which iterates or defines a function, when analysed, then it is marked for the time-budgeted worker',
      (src) => {
        expect(analyseFeel(src).guarded).toBe(true);
      },
    );

    it.each(['a + b', 'xs[item > 1]', 'if a then b else c', 'count(xs) > 2', 'matches(name, "^[A-Z]")'])('given "%s", which is linear, when analysed, then it runs in-process', (src) => {
      expect(analyseFeel(src).guarded).toBe(false);
    });

    it.each([
      ['', 'the expression is empty'],
      ['score >', 'FEEL syntax error at position 8 of "score >"'],
      ['if a then', 'FEEL syntax error at position'],
      ['x'.repeat(10_001), 'the expression is longer than 10000 characters'],
    ])('given "%s", when analysed, then the syntax problem is reported', (src, message) => {
      expect(analyseFeel(src.slice(0, 20_000)).error).toContain(message);
    });

    it('given a regex literal that nests quantifiers or does not compile, when analysed, then it is a regex problem', () => {
      expect(analyseFeel('matches(x, "(a+)+")').regexProblems).toEqual([expect.stringContaining('nests quantifiers')]);
      expect(analyseFeel('replace(x, "(b", "")').regexProblems).toEqual([expect.stringContaining('is not a valid regular expression')]);
      expect(analyseFeel('split(x, "[,;]\\\\s*")').regexProblems).toEqual([]);
    });
  });

  describe('evaluation', () => {
    it('given one expression and different values, when evaluated, then each result follows its values (the memo keys on the values)', () => {
      expect(evaluate('score >= 14', { score: 15 })).toBe(true);
      expect(evaluate('score >= 14', { score: 3 })).toBe(false);
      expect(evaluate('score >= 14', { score: 15 })).toBe(true);
      expect(evaluate('score >= 14', {})).toBe(null);
      expect(evaluate('case.score * 2', { case: { score: 2 } })).toBe(4);
      expect(evaluate('case.score * 2', { case: { score: 5 } })).toBe(10);
    });

    it('given a variable that is a context, when one property changes, then the result changes (the whole value is in the key)', () => {
      const deep = (n: number) => ({ a: { b: { c: [1, 2, { d: n }] } } });
      expect(evaluate('a.b.c[3].d', deep(1))).toBe(1);
      expect(evaluate('a.b.c[3].d', deep(2))).toBe(2);
    });

    it('given values too large for the memo key, when evaluated, then the result is still right', () => {
      const big = (last: number) => Array.from({ length: 1_000 }, (_, i) => (i === 999 ? last : i));
      expect(evaluate('xs[1000]', { xs: big(7) })).toBe(7);
      expect(evaluate('xs[1000]', { xs: big(8) })).toBe(8);
    });

    it('given now() and today(), when evaluated, then the time comes from the context, never the system clock, and is not memoised', () => {
      expect(evaluate('string(now())', {}, { now: new Date('2026-05-01T10:00:00Z') })).toBe('2026-05-01T10:00:00Z');
      expect(evaluate('string(now())', {}, { now: new Date('2027-01-01T00:00:00Z') })).toBe('2027-01-01T00:00:00Z');
      expect(evaluate('string(today())', {}, { now: new Date('2026-05-01T23:59:00Z') })).toBe('2026-05-01');
      expect(evaluate('now() > date and time(deadline)', { deadline: '2026-05-01T00:00:00Z' }, { now: new Date('2026-05-02T00:00:00Z') })).toBe(true);
      expect(evaluate('now() > date and time(deadline)', { deadline: '2026-05-01T00:00:00Z' }, { now: new Date('2026-04-30T00:00:00Z') })).toBe(false);
    });

    it('given process variables named like built-in functions (count, date, now), when an expression calls those functions, then the built-ins are called', () => {
      expect(evaluate('count(xs)', { count: 5, xs: [1, 2] })).toBe(2);
      expect(evaluate('string(date("2026-05-01"))', { date: '1999-01-01' })).toBe('2026-05-01');
      expect(evaluate('string(now())', { now: 'not the clock' }, { now: new Date('2026-05-01T10:00:00Z') })).toBe('2026-05-01T10:00:00Z');
      expect(evaluate('count + 1', { count: 5 })).toBe(6);
    });

    it('given FEEL values, when evaluated, then the result is JSON: dates and durations as ISO text, contexts as objects, functions and ranges as null', () => {
      expect(evaluate('{a: 1, b: [1, 2.5, "x"], c: null}')).toEqual({ a: 1, b: [1, 2.5, 'x'], c: null });
      expect(evaluate('date("2026-01-02")')).toBe('2026-01-02');
      expect(evaluate('duration("P1D")')).toBe('P1D');
      expect(evaluate('[1..3]')).toBe(null);
    });

    it('given the regular-expression functions, when evaluated, then they run on RE2 with flags', () => {
      expect(evaluate('matches("Police", "^p", "i")')).toBe(true);
      expect(evaluate('replace("a.b.c", "\\\\.", "-")')).toBe('a-b-c');
      expect(evaluate('split("a, b,c", ",\\\\s*")')).toEqual(['a', 'b', 'c']);
      expect(evaluate('matches("x", "(", "")')).toBe(null);
    });

    it('given a catastrophic pattern in a variable, when matched against a long input, then it returns at once (RE2 does not backtrack)', () => {
      const started = performance.now();
      expect(evaluate('matches(s, p)', { s: `${'a'.repeat(50_000)}!`, p: '^(a+)+$' })).toBe(false);
      expect(performance.now() - started).toBeLessThan(1_000);
    });

    it('given an expression that does not parse, when evaluated, then it throws a FeelEvaluationError with reason syntax', () => {
      expect(() => evaluate('a +')).toThrow(FeelEvaluationError);
      try {
        evaluate('a +');
      } catch (err) {
        expect((err as FeelEvaluationError).reason).toBe('syntax');
      }
    });
  });

  describe('guarded evaluation (worker with a time budget)', () => {
    it('given an iterating expression, when evaluated, then the worker gives the right result', () => {
      expect(evaluate('for x in xs return x * factor', { xs: [1, 2, 3], factor: 10 })).toEqual([10, 20, 30]);
      expect(evaluate('some x in xs satisfies x > limit', { xs: [1, 5], limit: 4 })).toBe(true);
      expect(evaluate('every x in xs satisfies x > limit', { xs: [1, 5], limit: 4 })).toBe(false);
    });

    it('given an expression that would run for minutes, when evaluated, then it fails with reason timeout within about the budget, and the next evaluation works', () => {
      const started = performance.now();
      let error: FeelEvaluationError | undefined;
      try {
        evaluate('count(for i in 1..n, j in 1..n return i + j)', { n: 1_000_000 }, { budgetMs: 100 });
      } catch (err) {
        error = err as FeelEvaluationError;
      }
      expect(error).toBeInstanceOf(FeelEvaluationError);
      expect(error!.reason).toBe('timeout');
      expect(error!.message).toContain('exceeded its time budget of 100 ms');
      expect(performance.now() - started).toBeLessThan(3_000);
      // The worker was terminated; a fresh one takes over.
      expect(evaluate('count(for i in 1..n return i)', { n: 5 })).toBe(5);
    });

    it('given the same guarded expression and values twice, when evaluated, then the second comes from the memo', () => {
      const src = 'sum(for i in 1..n return i)';
      expect(evaluate(src, { n: 100 })).toBe(5050);
      const started = performance.now();
      for (let i = 0; i < 200; i++) evaluate(src, { n: 100 });
      expect(performance.now() - started).toBeLessThan(200);
    });
  });

  describe('the nested-quantifier heuristic', () => {
    it.each(['(a+)+', '(a*)*b', '(\\w*)*x', '((a+)b)*', '(a|aa)*b', '(a|a)+', '([a-z]+)*@', '(x+x+)+y', '(?:a+)+', '(a+){2,}'])('given %s, when checked, then it is flagged', (pattern) => {
      expect(hasNestedQuantifier(pattern)).toBe(true);
    });

    it.each(['(\\.[a-z]+)*', 'a+b+', '(ab)+', '[a-z]+@[a-z]+', '(a+)?', '(a+){2}', '\\d{3}-\\d{4}', '^[A-Z]{2}\\d{6}[A-D]$', '(a|b)*', '(\\(a+\\))*'])('given %s, when checked, then it is not flagged', (pattern) => {
      expect(hasNestedQuantifier(pattern)).toBe(false);
    });
  });
});
