'use client';
// A labelled form control with its hint and its error, tied together for screen
// readers (label → control, control → hint and error).
import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';

type ControlProps = { id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

export function Field({
  label,
  hint,
  error,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string[] | string | null;
  className?: string;
  children: ReactElement<ControlProps>;
}) {
  const id = useId();
  const controlId = children.props.id ?? `${id}-control`;
  const errors = Array.isArray(error) ? error : error ? [error] : [];
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const control = isValidElement(children)
    ? cloneElement(children, { id: controlId, 'aria-invalid': errors.length > 0 || undefined, 'aria-describedby': describedBy })
    : children;
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={controlId}>{label}</label>
      {control}
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {errors.length > 0 && (
        <span id={`${id}-error`} className="field-error">
          {errors.join('; ')}
        </span>
      )}
    </div>
  );
}

/** An error from a failed request, announced to screen readers. */
export function ErrorText({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="alert alert-error" role="alert">
      {children}
    </p>
  );
}
