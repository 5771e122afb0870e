// The completion form of a task, built from its declared fields; errors are listed at the top
// (linked to their fields) and beside each field, and focus goes to the summary on a failed submit.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FormField, JsonValue } from '../../api/api.types';
import { fieldLabel, validateForm, type RawValues } from './task-form.util';

export function TaskForm({ taskId, fields, onSubmit, busy, serverErrors }: { taskId: string; fields: FormField[]; onSubmit: (values: Record<string, JsonValue>) => void; busy: boolean; serverErrors?: Record<string, string> }) {
  const [raw, setRaw] = useState<RawValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const summary = useRef<HTMLDivElement>(null);
  // the server's verdict on the same fields (a rule the browser does not know) is shown the same way
  useEffect(() => {
    if (serverErrors && Object.keys(serverErrors).length > 0) {
      setErrors(serverErrors);
      requestAnimationFrame(() => summary.current?.focus());
    }
  }, [serverErrors]);
  const idFor = (name: string) => `task-${taskId}-${name}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    const check = validateForm(fields, raw);
    setErrors(check.errors);
    if (Object.keys(check.errors).length) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    onSubmit(check.values);
  }

  const set = (name: string, value: RawValues[string]) => setRaw((r) => ({ ...r, [name]: value }));
  const errorList = Object.entries(errors);

  return (
    <form onSubmit={submit} noValidate aria-label="Complete the task">
      {errorList.length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summary}>
          <h3>There is a problem</h3>
          <ul>
            {errorList.map(([name, message]) => (
              <li key={name}>
                <a href={`#${idFor(name)}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {fields.length === 0 && <p className="muted">This task declares no fields: completing it records that it was done.</p>}
      {fields.map((field) => {
        const id = idFor(field.name);
        const error = errors[field.name];
        const describedBy = error ? `${id}-error` : undefined;
        const label = (
          <label htmlFor={id}>
            {fieldLabel(field)}
            {field.required && field.type !== 'boolean' ? ' (required)' : ''}
          </label>
        );
        const errorText = error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
          </p>
        ) : null;
        const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy };
        switch (field.type) {
          case 'boolean':
            return (
              <div className="field field-checkbox" key={field.name}>
                <input type="checkbox" {...common} checked={raw[field.name] === true} onChange={(e) => set(field.name, e.target.checked)} />
                {label}
                {errorText}
              </div>
            );
          case 'text':
            return (
              <div className="field" key={field.name}>
                {label}
                {errorText}
                <textarea {...common} rows={4} value={String(raw[field.name] ?? '')} onChange={(e) => set(field.name, e.target.value)} />
              </div>
            );
          case 'enum':
            return (
              <div className="field" key={field.name}>
                {label}
                {errorText}
                <select {...common} value={String(raw[field.name] ?? '')} onChange={(e) => set(field.name, e.target.value)}>
                  <option value="">Choose…</option>
                  {(field.options ?? []).map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              </div>
            );
          case 'list': {
            const chosen = Array.isArray(raw[field.name]) ? (raw[field.name] as string[]) : [];
            return (
              <fieldset className="field" key={field.name} aria-describedby={describedBy}>
                <legend>{fieldLabel(field)}</legend>
                {errorText}
                {(field.options ?? []).map((o) => (
                  <div className="field-checkbox" key={o}>
                    <input
                      type="checkbox"
                      id={`${id}-${o}`}
                      checked={chosen.includes(o)}
                      onChange={(e) => set(field.name, e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))}
                    />
                    <label htmlFor={`${id}-${o}`}>{o}</label>
                  </div>
                ))}
              </fieldset>
            );
          }
          default:
            return (
              <div className="field" key={field.name}>
                {label}
                {errorText}
                <input
                  {...common}
                  type={field.type === 'date' ? 'date' : 'text'}
                  inputMode={field.type === 'number' ? 'decimal' : field.type === 'integer' ? 'numeric' : undefined}
                  value={String(raw[field.name] ?? '')}
                  onChange={(e) => set(field.name, e.target.value)}
                />
              </div>
            );
        }
      })}
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? 'Completing…' : 'Complete task'}
      </button>
    </form>
  );
}
