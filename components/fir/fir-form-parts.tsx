'use client';
// The repeating parts of the FIR form: accused persons and properties.
import { Field } from '@/components/ui/field';
import { formatRupees } from '@/components/ui/format';
import { emptyAccused, emptyProperty, parseAmount, propertiesTotal, type AccusedRow, type PropertyRow } from './form-values';

export function AccusedEditor({ rows, onChange, error }: { rows: AccusedRow[]; onChange: (rows: AccusedRow[]) => void; error?: string[] }) {
  const update = (key: string, patch: Partial<AccusedRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <div className="repeat">
      {rows.length === 0 && <p className="muted small">No accused recorded. Add one for each person the complainant names or describes.</p>}
      {rows.map((r, i) => (
        <fieldset key={r.key} className="repeat-row" data-testid="accused-row">
          <legend>
            Accused {i + 1} {r.known ? '(known)' : '(unknown)'}
          </legend>
          <div className="grid-4">
            <div className="field">
              <span className="label">Identity</span>
              <div className="segmented" role="radiogroup" aria-label={`Accused ${i + 1}: known or unknown`}>
                <label>
                  <input type="radio" name={`known-${r.key}`} checked={r.known} onChange={() => update(r.key, { known: true })} /> Known
                </label>
                <label>
                  <input type="radio" name={`known-${r.key}`} checked={!r.known} onChange={() => update(r.key, { known: false })} /> Unknown
                </label>
              </div>
            </div>
            <Field label="Name">
              <input value={r.name} onChange={(e) => update(r.key, { name: e.target.value })} placeholder={r.known ? 'Full name' : 'If known'} maxLength={200} />
            </Field>
            <Field label="Alias">
              <input value={r.alias} onChange={(e) => update(r.key, { alias: e.target.value })} placeholder="Also known as" maxLength={200} />
            </Field>
            <Field label="Address">
              <input value={r.address} onChange={(e) => update(r.key, { address: e.target.value })} maxLength={500} />
            </Field>
          </div>
          <Field label="Description">
            <textarea
              rows={2}
              value={r.description}
              onChange={(e) => update(r.key, { description: e.target.value })}
              placeholder="Appearance, clothes, vehicle, what they did"
              maxLength={1000}
            />
          </Field>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange(rows.filter((x) => x.key !== r.key))}>
            Remove accused {i + 1}
          </button>
        </fieldset>
      ))}
      {error && <p className="field-error">{error.join('; ')}</p>}
      <button type="button" className="btn btn-sm" onClick={() => onChange([...rows, emptyAccused()])}>
        + Add accused
      </button>
    </div>
  );
}

export function PropertiesEditor({ rows, onChange, error }: { rows: PropertyRow[]; onChange: (rows: PropertyRow[]) => void; error?: string[] }) {
  const update = (key: string, patch: Partial<PropertyRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const total = propertiesTotal(rows);
  return (
    <div className="repeat">
      {rows.length === 0 ? (
        <p className="muted small">No property recorded. Add what was stolen, damaged or involved.</p>
      ) : (
        <table className="table table-compact props-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Description</th>
              <th scope="col">Value (₹)</th>
              <th scope="col">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => {
              const bad = Number.isNaN(parseAmount(r.value));
              return (
                <tr key={r.key} data-testid="property-row">
                  <td>{i + 1}</td>
                  <td>
                    <input
                      aria-label={`Property ${i + 1} description`}
                      value={r.description}
                      onChange={(e) => update(r.key, { description: e.target.value })}
                      placeholder="e.g. Black Samsung phone, IMEI …"
                      maxLength={300}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Property ${i + 1} value in rupees`}
                      aria-invalid={bad || undefined}
                      inputMode="decimal"
                      value={r.value}
                      onChange={(e) => update(r.key, { value: e.target.value })}
                      placeholder="Not known"
                      className="num"
                    />
                  </td>
                  <td>
                    <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange(rows.filter((x) => x.key !== r.key))} aria-label={`Remove property ${i + 1}`}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <th scope="row">Total value</th>
              <td className="num" data-testid="properties-total" aria-live="polite">
                {formatRupees(total)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      )}
      {error && <p className="field-error">{error.join('; ')}</p>}
      <button type="button" className="btn btn-sm" onClick={() => onChange([...rows, emptyProperty()])}>
        + Add property
      </button>
    </div>
  );
}
