import type { FormField } from '../contract.types';
import { validateFormOutput } from './form-validation';

const field = (name: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({ name, type, required: false, ...extra });

describe('validateFormOutput', () => {
  it('given a task that declares no form, when any output is given, then it is accepted', () => {
    expect(validateFormOutput([], { anything: { nested: [1] } })).toEqual([]);
    expect(validateFormOutput([], undefined)).toEqual([]);
  });

  it('given required fields, when they are missing, null or empty text, then each is reported by its label or name', () => {
    const fields = [field('a', 'string', { required: true }), field('b', 'number', { required: true, label: 'Score' }), field('c', 'text', { required: true })];
    expect(validateFormOutput(fields, { b: null, c: '' })).toEqual(['a is required', 'Score is required', 'c is required']);
    expect(validateFormOutput(fields, undefined)).toEqual(['a is required', 'Score is required', 'c is required']);
  });

  it('given optional fields, when they are left out or null, then that is fine', () => {
    expect(validateFormOutput([field('a', 'number'), field('b', 'date')], { b: null })).toEqual([]);
  });

  it.each<[FormField['type'], unknown[], unknown[], string]>([
    ['string', ['', 'x'], [1, true, [], {}], 'must be text'],
    ['text', ['long\ntext'], [2], 'must be text'],
    ['number', [0, -1.5, 1e9], ['1', true, null], 'must be a number'],
    ['integer', [0, 42, -3], [1.5, '2'], 'must be a whole number'],
    ['boolean', [true, false], ['true', 0, 1], 'must be true or false'],
    ['date', ['2026-03-02', '2024-02-29'], ['2026-3-2', '02/03/2026', '2026-02-30', '2026-04-31', '2026-02-29', '2026-13-01', '2026-03-02T10:00:00Z', 20260302], 'must be a date (YYYY-MM-DD)'],
    ['list', [[], ['a', 1]], ['a,b', { 0: 'a' }], 'must be a list'],
  ])('given a %s field, when valid and invalid values are given, then only the invalid ones are reported', (type, good, bad, message) => {
    for (const value of good) expect(validateFormOutput([field('f', type)], { f: value as never })).toEqual([]);
    for (const value of bad) {
      if (value === null) continue;
      expect(validateFormOutput([field('f', type)], { f: value as never })).toEqual([`f ${message}`]);
    }
  });

  it('given an enum field, when a value outside its options is given, then the options are listed', () => {
    const fields = [field('priority', 'enum', { options: ['A', 'B'] })];
    expect(validateFormOutput(fields, { priority: 'A' })).toEqual([]);
    expect(validateFormOutput(fields, { priority: 'C' })).toEqual(['priority must be one of A, B']);
    expect(validateFormOutput(fields, { priority: 1 })).toEqual(['priority must be one of A, B']);
  });

  it('given output with fields the task does not declare, when validated, then each undeclared field is reported (no smuggling case data into variables)', () => {
    expect(validateFormOutput([field('a', 'string')], { a: 'x', address: '1 High St', __proto__: 'x' } as never)).toEqual(['address is not a field of this task']);
    expect(validateFormOutput([field('a', 'string')], JSON.parse('{"a":"x","__proto__":{"polluted":true}}'))).toEqual(['__proto__ is not a field of this task']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('given several problems, when validated, then all are reported in field order, then undeclared fields', () => {
    const fields = [field('a', 'integer', { required: true }), field('b', 'boolean')];
    expect(validateFormOutput(fields, { z: 1, b: 'no' })).toEqual(['a is required', 'b must be true or false', 'z is not a field of this task']);
  });
});
