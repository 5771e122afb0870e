// Sign-in: e-mail and password, then the six-digit code from the authenticator app (roles that
// see personal data need a second factor; a first sign-in enrols one). Tokens come back as
// HttpOnly cookies: nothing secret is kept in the page.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/api-client';
import { ApiError } from '../api/http-client';
import type { LoginAnswer } from '../api/api.types';
import { useSession } from '../app/session';

type Step = { kind: 'password' } | { kind: 'code'; mfaToken: string } | { kind: 'enrol'; secret: string; otpauthUri: string };

function message(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'The e-mail address or password is not right.';
    if (error.status === 403) return 'The code is not right, or it was used already. Wait for the next code and try again.';
    if (error.status === 429) return 'Too many attempts: wait a minute, then try again.';
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function SignInPage({ enrolOnly = false }: { enrolOnly?: boolean }) {
  const { reload } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = 'Sign in – Referral pathways';
  }, []);
  useEffect(() => {
    if (enrolOnly) void startEnrolment();
  }, [enrolOnly]);
  useEffect(() => {
    heading.current?.focus();
  }, [step.kind]);

  async function startEnrolment() {
    try {
      const e = await api.auth.enrol();
      setStep({ kind: 'enrol', secret: e.secret, otpauthUri: e.otpauthUri });
    } catch (err) {
      setError(message(err));
    }
  }

  async function after(answer: LoginAnswer) {
    if (answer.mfaRequired) {
      setStep({ kind: 'code', mfaToken: answer.mfaToken });
    } else if (answer.mfaEnrolmentRequired) {
      await startEnrolment();
    } else {
      reload();
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError('');
    setBusy(true);
    try {
      if (step.kind === 'password') await after(await api.auth.login(String(form.get('email') ?? '').trim(), String(form.get('password') ?? '')));
      else if (step.kind === 'code') await after(await api.auth.loginTotp(step.mfaToken, String(form.get('code') ?? '').trim()));
      else await after(await api.auth.verify(String(form.get('code') ?? '').trim()));
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  }

  const title = step.kind === 'password' ? 'Sign in' : step.kind === 'code' ? 'Enter your code' : 'Set up your second factor';
  return (
    <div className="sign-in">
      <h1 tabIndex={-1} ref={heading}>
        {title}
      </h1>
      {error && (
        <p role="alert" className="note note-error" id="sign-in-error">
          {error}
        </p>
      )}
      <form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        {step.kind === 'password' && (
          <>
            <div className="field">
              <label htmlFor="email">E-mail address</label>
              <input id="email" name="email" type="email" autoComplete="username" required />
            </div>
            <div className="field">
              <label htmlFor="password">Password</label>
              <input id="password" name="password" type="password" autoComplete="current-password" required />
            </div>
          </>
        )}
        {step.kind === 'enrol' && (
          <div className="enrol">
            <p>Your role sees personal data, so it needs a second factor. Add this key to an authenticator app, then enter the code it shows.</p>
            <p>
              Key: <code data-testid="totp-secret">{step.secret}</code>
            </p>
            <p className="muted">
              Or open <a href={step.otpauthUri}>this link</a> on a phone with an authenticator app.
            </p>
          </div>
        )}
        {step.kind !== 'password' && (
          <div className="field">
            <label htmlFor="code">Six-digit code from your authenticator app</label>
            <input id="code" name="code" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} required />
          </div>
        )}
        <button type="submit" className="button-primary" disabled={busy}>
          {step.kind === 'password' ? 'Continue' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
