import type { ReactNode } from 'react';
import type { LeadClass } from '../../../src/contract/ruleset.js';
import { CallError } from '../api.js';
import { CLASS_LABEL } from '../format.js';

/** The class as a coloured pill; colour is never the only signal (the label is always there). */
export function ClassBadge({ value }: { value: LeadClass | null }) {
  if (!value) return <span className="badge badge-none">Not qualified</span>;
  return <span className={`badge badge-${value}`}>{CLASS_LABEL[value]}</span>;
}

export function StatusPill({ status }: { status: 'passed' | 'failed' | 'unknown' }) {
  const icon = status === 'passed' ? '✓' : status === 'failed' ? '✕' : '?';
  return (
    <span className={`status status-${status}`}>
      <span aria-hidden="true">{icon}</span> {status}
    </span>
  );
}

export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="muted">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const e =
    error instanceof CallError
      ? error.appError
      : { code: 'internal', message: String((error as Error)?.message ?? error) };
  return (
    <div className="state state-error" role="alert">
      <strong>{e.code === 'unsupported' ? 'Not available yet' : 'Something went wrong'}</strong>
      <p>{e.message}</p>
      {onRetry ? (
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state-empty">
      <strong>{title}</strong>
      {children ? <div className="muted">{children}</div> : null}
    </div>
  );
}

export function InlineError({ error }: { error: unknown }) {
  if (!error) return null;
  const msg = error instanceof CallError ? error.appError.message : String((error as Error).message ?? error);
  return (
    <p className="inline-error" role="alert">
      {msg}
    </p>
  );
}

export function ProgressBar({ label, done, total }: { label: string; done: number; total: number }) {
  return (
    <div className="progress">
      <progress aria-label={label} max={Math.max(total, 1)} value={done} />
    </div>
  );
}

export function Card({
  title,
  children,
  actions,
  labelledBy,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  labelledBy?: string;
}) {
  const id = labelledBy ?? `card-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="card" aria-labelledby={id}>
      <div className="card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
