// The candidate form: the applicant contract in sections, each field with its label, hint and error, as typed.
import {
  ALL_FIELDS,
  COUNTRY_CHOICES,
  FORM_SECTIONS,
  TIME_ZONES,
  type FormField,
  type FormValues,
} from '../applicant-form';
import { toCountryCode } from '../../sanctions/countries';
import { html, type SafeHtml } from '../html';
import { errorSummary, input, select, textarea } from './forms';
import { csrfField, page, type PageContext } from './layout';

export interface FormError {
  name?: string;
  label: string;
  message: string;
}

const INPUT_TYPES: Partial<Record<FormField['kind'], 'email' | 'tel' | 'url' | 'text' | 'date'>> = {
  email: 'email',
  tel: 'tel',
  url: 'url',
  date: 'date',
};
const TIME_ZONE_LIST = 'time-zones';

function control(field: FormField, values: FormValues, errors: Map<string, string>): SafeHtml {
  const common = {
    name: field.name,
    label: field.label,
    hint: field.hint,
    error: errors.get(field.name),
    value: values[field.name],
    required: field.required,
    wide: field.wide,
  };
  if (field.kind === 'choice' || field.kind === 'yesno') return select({ ...common, choices: field.choices ?? [] });
  if (field.kind === 'country') {
    // What was typed elsewhere ("USA", "Germany") shows as the country it names; an unknown value stays, to be fixed.
    const typed = values[field.name];
    const code = typed ? (toCountryCode(typed) ?? typed) : '';
    const isKnown = code === '' || COUNTRY_CHOICES.some(([value]) => value === code);
    return select({
      ...common,
      value: code,
      choices: [['', 'Not known'], ...(isKnown ? [] : [[code, code] as const]), ...COUNTRY_CHOICES],
    });
  }
  if (field.kind === 'timezone') return input({ ...common, type: 'text', autocomplete: 'off', list: TIME_ZONE_LIST });
  if (field.kind === 'lines' || field.kind === 'longtext')
    return textarea({ ...common, rows: field.kind === 'longtext' ? 4 : 3 });
  return input({
    ...common,
    type: INPUT_TYPES[field.kind] ?? 'text',
    autocomplete: field.autocomplete ?? 'off',
    inputmode: field.kind === 'number' ? 'decimal' : field.kind === 'integer' ? 'numeric' : undefined,
  });
}

export function candidateFormPage(
  context: PageContext,
  options: { values: FormValues; errors: FormError[]; formNonce: string },
): string {
  const errors = new Map(options.errors.filter((error) => error.name).map((error) => [error.name!, error.message]));
  const byName = new Map(ALL_FIELDS.map((field) => [field.name, field]));
  return page(
    context,
    options.errors.length ? 'Fix the candidate form' : 'Screen a candidate',
    html`<h1>Screen a candidate</h1>
<p class="muted">Fill in what you know; only the legal name is required. The more you give, the more the screening can check.
The screening looks at evidence (connections, addresses, payment, documents), never at nationality, ethnicity, language or the origin of a name.</p>
${errorSummary(options.errors)}
<form method="post" action="/candidates" novalidate>
${csrfField(context.csrfToken)}
<input type="hidden" name="formNonce" value="${options.formNonce}">
${FORM_SECTIONS.map(
  (section) => html`<fieldset id="section-${section.id}">
<legend>${section.title}</legend>
${section.intro ? html`<p class="hint">${section.intro}</p>` : ''}
<div class="fields">${section.fields.map((field) => control(field, options.values, errors))}</div>
${(section.groups ?? []).map((group) =>
  Array.from(
    { length: group.rows },
    (_, row) =>
      html`<div class="row-group"><h3>${group.rowLabel} ${row + 1}</h3><div class="fields">${group.fields.map((field) => control(byName.get(`${group.list}.${row}.${field.key}`)!, options.values, errors))}</div></div>`,
  ),
)}
</fieldset>`,
)}
<div class="actions"><button type="submit">Screen this candidate</button><a href="/submissions">Cancel</a></div>
</form>
<datalist id="${TIME_ZONE_LIST}">${TIME_ZONES.map((zone) => html`<option value="${zone}">`)}</datalist>`,
  );
}
