// The sanctions parts of the case page: the check's state beside the band, and each hit beside the listed entry,
// attribute by attribute.
import type { CaseDetail } from '../../cases/case-types';
import type { SanctionsEntry, StoredSanctionsMatch } from '../../sanctions/types';
import type { Finding } from '../../scoring/types';
import { html, type SafeHtml } from '../html';
import { toCountryCode } from '../../sanctions/countries';
import { COLLECT_IDENTIFIERS } from '../../scoring/indicators/sanctions';
import { sanctionsStatusLabels } from '../../scoring/sanctions-status';
import { evidenceList } from './findings';
import {
  countryName,
  fieldLabel,
  programmeLabel,
  sanctionsListLabel,
  valueLabel,
} from '../../presentation/plain-language';
import type { CasePageOptions } from './case-page-options';

type SanctionsMatchEvidence = StoredSanctionsMatch;

const OUTCOME_WORDS: Record<string, string> = {
  confirmed: 'Confirmed: an identifier agrees with the listed entry',
  contradicted: 'Cleared: an identifier contradicts the listed entry',
  conflicting: 'Needs review: one identifier agrees and another contradicts',
  unconfirmed: 'Incomplete: only the name was compared',
};

// The sanctions check beside the band: what it found, and what to do while it is open.
export function sanctionsCheckSection(detail: CaseDetail): SafeHtml {
  const status = detail.sanctionsStatus;
  if (status === 'clear') return html``;
  const advice: Record<string, string> = {
    potential_match: `The applicant's name is like a name on a sanctions list, and nothing else has been compared yet. This is not evidence against the applicant and does not change the band. ${COLLECT_IDENTIFIERS}`,
    confirmed_match:
      'The name matches a listed entry and another identifier agrees with it. Hold any offer or payment until compliance decides; a confirmed match is blocked and reported to OFAC within 10 business days.',
    cleared_by_comparison:
      'The name is like a name on a sanctions list, but an identifier differs from the listed one (or a reviewer cleared the hit). Nothing to do; the comparison is kept below.',
  };
  return html`<section class="card sanctions-check" aria-labelledby="sanctions-check-title"><h2 id="sanctions-check-title">Sanctions check: ${sanctionsStatusLabels[status]}</h2>
<p>${advice[status] ?? ''}</p>
<p class="muted">The comparison, attribute by attribute, is under the sanctions finding below.</p></section>`;
}

function listedEntryPanel(entry: SanctionsEntry | undefined, match: SanctionsMatchEvidence): SafeHtml {
  if (!entry) return html`<p class="muted">Entry ${match.uid} is not in the active list version any more.</p>`;
  return evidenceList({
    name: entry.name,
    listEntryNumber: entry.uid,
    listedAs: entry.type,
    programmes: entry.programs.map(programmeLabel),
    aliases: entry.aliases.map((alias) => alias.name),
    placesOfBirth: entry.placesOfBirth,
    wallets: entry.digitalCurrencyAddresses.map((wallet) => `${wallet.chain} ${wallet.address}`),
    linkedTo: entry.linkedTo,
    remarks: entry.remarks,
  });
}

// OFAC writes "Korea, North"; readers get the name they use.
const listedCountry = (text: string) => {
  const code = toCountryCode(text);
  return code ? countryName(code) : text;
};

// An entry's several values in one cell; none: null, which the row shows as "none listed".
const joined = (values: string[]) => values.join(' / ') || null;

type Verdict = 'agrees' | 'differs' | 'unknown';
const VERDICT_WORDS: Record<Verdict, string> = { agrees: 'Agrees', differs: 'Differs', unknown: 'Unknown' };
const verdictOf = (result: string): Verdict =>
  result === 'agrees' ? 'agrees' : result === 'contradicts' ? 'differs' : 'unknown';

interface ReviewRow {
  attribute: string;
  applicant: string | null;
  listed: string | null;
  verdict: Verdict;
  why: string;
}

// The applicant's details beside the listed entry's, attribute by attribute (what corroboration.ts compared, and
// what the entry lists that nothing compared yet). Nationality is shown, never compared: it moves nothing.
function reviewRows(
  match: SanctionsMatchEvidence,
  entry: SanctionsEntry | undefined,
  applicant: Record<string, unknown>,
): ReviewRow[] {
  const person = (applicant.person ?? {}) as Record<string, unknown>;
  const compared = match.comparison?.attributes ?? [];
  const byAttribute = (name: string) => compared.filter((attribute) => attribute.attribute === name);
  const rows: ReviewRow[] = [
    {
      attribute: 'Name',
      applicant: `${match.matchedName} (${fieldLabel(match.field ?? 'name')})`,
      listed: match.entryName,
      verdict: 'unknown',
      why: `${valueLabel('strength', match.strength)} name likeness, ${match.score} of 100: a name alone is never enough`,
    },
  ];
  const fromComparison = (label: string, name: string, listed: string | null, given: string | null) => {
    const found = byAttribute(name);
    if (found.length > 0) {
      for (const attribute of found)
        rows.push({
          attribute: label,
          applicant: attribute.given,
          listed: attribute.listed,
          verdict: verdictOf(attribute.result),
          why: attribute.explanation,
        });
    } else if (listed) {
      rows.push({
        attribute: label,
        applicant: given,
        listed,
        verdict: 'unknown',
        why: given
          ? 'not compared by the check (too little to compare): compare by hand'
          : 'the applicant has not given it yet',
      });
    } else {
      rows.push({ attribute: label, applicant: given, listed: null, verdict: 'unknown', why: 'the entry lists none' });
    }
  };
  const birthYear =
    typeof person.birthYear === 'number' || typeof person.birthYear === 'string'
      ? `born ${String(person.birthYear)}`
      : null;
  fromComparison('Date of birth', 'date of birth', joined(entry?.datesOfBirth ?? []), birthYear);
  fromComparison(
    'Place of birth',
    'place of birth',
    joined(entry?.placesOfBirth ?? []),
    typeof person.placeOfBirth === 'string' ? person.placeOfBirth : null,
  );
  const claimed = ((applicant.claimedLocation ?? {}) as Record<string, unknown>).country;
  const home = ((applicant.residentialAddress ?? {}) as Record<string, unknown>).country;
  const stated = [claimed, home].filter((code): code is string => typeof code === 'string').map(countryName);
  const nationality = [...(entry?.nationalities ?? []), ...(entry?.citizenships ?? [])].map(listedCountry);
  rows.push({
    attribute: 'Country',
    applicant: stated.length ? `lives in ${[...new Set(stated)].join(' / ')}` : null,
    listed: nationality.length ? `nationality ${[...new Set(nationality)].join(' / ')}` : null,
    verdict: 'unknown',
    why: 'shown for context only: nationality and country of residence never confirm or clear a hit',
  });
  const homeAddress = applicant.residentialAddress as Record<string, unknown> | undefined;
  fromComparison(
    'Address',
    'address',
    joined(
      (entry?.addresses ?? []).map((address) =>
        [address.address, address.city, address.country ? listedCountry(address.country) : null]
          .filter(Boolean)
          .join(', '),
      ),
    ),
    homeAddress
      ? [homeAddress.city, typeof homeAddress.country === 'string' ? countryName(homeAddress.country) : null]
          .filter(Boolean)
          .join(', ')
      : null,
  );
  const document = applicant.identityDocument as Record<string, unknown> | undefined;
  fromComparison(
    'Identity document',
    'identity document',
    joined(
      (entry?.identifiers ?? []).map(
        (id) => `${id.kind} ${id.value}${id.country ? ` (${listedCountry(id.country)})` : ''}`,
      ),
    ),
    document?.type
      ? `${valueLabel('documentType', document.type)}${document.issuingCountry ? ` from ${countryName(String(document.issuingCountry))}` : ''}`
      : null,
  );
  for (const name of ['e-mail', 'phone', 'website', 'listed name']) {
    for (const attribute of byAttribute(name))
      rows.push({
        attribute: name === 'listed name' ? 'Distinctive name words' : name.charAt(0).toUpperCase() + name.slice(1),
        applicant: attribute.given,
        listed: attribute.listed,
        verdict: verdictOf(attribute.result),
        why: attribute.explanation,
      });
  }
  return rows;
}

export function sanctionsEvidence(
  finding: Finding,
  options: CasePageOptions,
  applicant: Record<string, unknown>,
): SafeHtml | undefined {
  const matches = (finding.evidence.matches as SanctionsMatchEvidence[] | undefined) ?? [];
  if (finding.family !== 'sanctions' || matches.length === 0) return undefined;
  const list = finding.evidence.list as
    { versionId?: string; isBuiltIn?: boolean; entries?: number } | null | undefined;
  return html`${matches.map((match) => {
    const entry = options.listedEntry(match.uid);
    const outcome = match.comparison
      ? (OUTCOME_WORDS[match.comparison.outcome] ?? match.comparison.outcome)
      : 'Screened before identifiers were compared: screen again to compare them.';
    return html`<div class="card sanctions-review"><h4>${match.matchedName} beside ${match.entryName}</h4>
<p><strong>${outcome}</strong></p>
<p class="muted">Listed on ${sanctionsListLabel(match.list)}${list && !list.isBuiltIn && list.versionId ? `, list version ${String(list.versionId).slice(0, 8)}` : ''}${list?.entries ? ` (${list.entries.toLocaleString('en')} entries)` : ''}. Programmes: ${match.programs.map(programmeLabel).join('; ')}.</p>
<div class="table-scroll"><table class="comparison"><thead><tr><th scope="col">Compared</th><th scope="col">Applicant</th><th scope="col">Listed entry</th><th scope="col">Result</th></tr></thead>
<tbody>${reviewRows(match, entry, applicant).map((row) => html`<tr><th scope="row">${row.attribute}</th><td>${row.applicant ?? html`<span class="muted">not given</span>`}</td><td>${row.listed ?? html`<span class="muted">none listed</span>`}</td><td><span class="${row.verdict}">${VERDICT_WORDS[row.verdict]}</span>: ${row.why}</td></tr>`)}</tbody></table></div>
<details><summary>The whole listed entry</summary>${listedEntryPanel(entry, match)}</details>
</div>`;
  })}`;
}
