// Form controls with their label, hint and the server's error beside them (aria-describedby, aria-invalid).
import { html, type SafeHtml } from '../html';

export interface ControlOptions {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  value?: string;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'date' | 'number' | 'search';
  autocomplete?: string;
  required?: boolean;
  wide?: boolean;
  inputmode?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
  /** Makes the control's id unique when a page repeats a form (e.g. one per finding). */
  idPrefix?: string;
  /** The label is for screen readers only (a control in a table row, where the column header says it). */
  labelHidden?: boolean;
}

/** The id of a control from its field name (dots and brackets are fine in names, not in fragment links). */
export const fieldId = (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

function describedBy(id: string, hint?: string, error?: string): SafeHtml | string {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : '';
}

const idOf = (options: ControlOptions) =>
  options.idPrefix ? `${options.idPrefix}-${fieldId(options.name)}` : fieldId(options.name);

function frame(options: ControlOptions, control: SafeHtml): SafeHtml {
  const id = idOf(options);
  return html`<div class="field${options.wide ? ' wide' : ''}${options.error ? ' invalid' : ''}">
<label for="${id}"${options.labelHidden ? html` class="visually-hidden"` : ''}>${options.label}${options.required ? html` <span aria-hidden="true">*</span>` : ''}</label>
${options.hint ? html`<span class="hint" id="${id}-hint">${options.hint}</span>` : ''}
${options.error ? html`<p class="error-text" id="${id}-error"><span class="visually-hidden">Error: </span>${options.error}</p>` : ''}
${control}
</div>`;
}

export function input(options: ControlOptions): SafeHtml {
  const id = idOf(options);
  return frame(
    options,
    html`<input id="${id}" name="${options.name}" type="${options.type ?? 'text'}" value="${options.value ?? ''}"${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${options.inputmode ? html` inputmode="${options.inputmode}"` : ''}${options.list ? html` list="${options.list}"` : ''}${options.required ? html` required` : ''}${options.error ? html` aria-invalid="true"` : ''}${describedBy(id, options.hint, options.error)}>`,
  );
}

export function textarea(options: ControlOptions & { rows?: number }): SafeHtml {
  const id = idOf(options);
  return frame(
    options,
    html`<textarea id="${id}" name="${options.name}" rows="${options.rows ?? 3}"${options.required ? html` required` : ''}${options.error ? html` aria-invalid="true"` : ''}${describedBy(id, options.hint, options.error)}>${options.value ?? ''}</textarea>`,
  );
}

export function select(options: ControlOptions & { choices: readonly (readonly [string, string])[] }): SafeHtml {
  const id = idOf(options);
  return frame(
    options,
    html`<select id="${id}" name="${options.name}"${options.error ? html` aria-invalid="true"` : ''}${describedBy(id, options.hint, options.error)}>${options.choices.map(
      ([value, label]) =>
        html`<option value="${value}"${value === (options.value ?? '') ? html` selected` : ''}>${label}</option>`,
    )}</select>`,
  );
}

/** The list of every error at the top of a form, each a link to its field. */
export function errorSummary(errors: { name?: string; label: string; message: string }[]): SafeHtml {
  if (errors.length === 0) return html``;
  // autofocus: after a failed submit, focus (and a screen reader) starts at the list of errors, not at the top of the page.
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary" autofocus>
<h2 id="error-summary-title">${errors.length === 1 ? 'There is a problem' : `There are ${errors.length} problems`}</h2>
<ul>${errors.map((error) => html`<li>${error.name ? html`<a href="#${fieldId(error.name)}">${error.label}: ${error.message}</a>` : html`${error.label}: ${error.message}`}</li>`)}</ul>
</div>`;
}
