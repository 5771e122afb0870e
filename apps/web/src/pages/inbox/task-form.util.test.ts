import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateForm } from './task-form.util';
import type { FormField } from '../../api/api.types';

const fields: FormField[] = [
  { name: 'dashScore', type: 'integer', required: true, label: 'DASH score' },
  { name: 'contacted', type: 'boolean', required: true },
  { name: 'level', type: 'enum', required: false, options: ['standard', 'medium', 'high'] },
  { name: 'contactDate', type: 'date', required: false },
  { name: 'notes', type: 'text', required: false },
];

test('a complete, valid form gives typed values and no errors', () => {
  const { values, errors } = validateForm(fields, { dashScore: '15', contacted: true, level: 'high', contactDate: '2026-03-02', notes: 'x' });
  assert.deepEqual(errors, {});
  assert.deepEqual(values, { dashScore: 15, contacted: true, level: 'high', contactDate: '2026-03-02', notes: 'x' });
});

test('missing required fields, bad numbers, dates and choices are reported per field', () => {
  const { errors } = validateForm(fields, { dashScore: '', level: 'extreme', contactDate: '02/03/2026' });
  assert.equal(errors.dashScore, 'DASH score is required');
  assert.match(errors.level ?? '', /must be one of/);
  assert.match(errors.contactDate ?? '', /YYYY-MM-DD/);
  assert.equal(validateForm(fields, { dashScore: '14.5' }).errors.dashScore, 'DASH score must be a whole number');
  assert.equal(validateForm(fields, { dashScore: 'abc' }).errors.dashScore, 'DASH score must be a number');
});

test('an unticked boolean is false, not missing', () => {
  const { values, errors } = validateForm(fields, { dashScore: '3' });
  assert.equal(values.contacted, false);
  assert.equal(errors.contacted, undefined);
});
