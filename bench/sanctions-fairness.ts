// Per naming culture, what a name alone does (issue 21): common names screened as US residents with nothing else
// against them, against the full OFAC lists and the built-in one. Prints the table docs/sanctions.md shows.
import path from 'node:path';
import { parseApplicant } from '../src/applicants/parse-applicant';
import { builtInSanctionsSource, type SanctionsSource } from '../src/intel/sanctions';
import { measureNameFairness } from '../src/sanctions/evaluation/common-names';
import { loadOfacDirectories } from '../src/sanctions/load-ofac';
import { SanctionsIndex } from '../src/sanctions/sanctions-index';
import { nameOnlyScorer } from '../src/screening/name-only-scorer';
import { FULL_OFAC_DIRECTORIES } from '../test/support/shared-data';

const ofacData = process.env.OFAC_DATA ?? path.resolve(__dirname, '..', '..', 'shared', 'data', 'ofac');
const directories = FULL_OFAC_DIRECTORIES;

const base = parseApplicant({
  source: 'bench',
  person: { legalName: 'Jane Doe', email: 'jane.doe@example.com', phone: '+1 512 555 0142', languages: ['en'] },
  claimedLocation: { country: 'US', region: 'TX', city: 'Austin', timezone: 'America/Chicago' },
  residentialAddress: { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
  shipping: {
    address: { line1: '1 Main St', city: 'Austin', region: 'TX', postalCode: '78701', country: 'US' },
    recipientName: 'Jane Doe',
  },
  identityDocument: {
    type: 'drivers_license',
    issuingCountry: 'US',
    nameOnDocument: 'Jane Doe',
    verification: 'passed',
  },
  payment: { method: 'bank_transfer', accountHolderName: 'Jane Doe', bankCountry: 'US', payeeType: 'individual' },
  sessions: [{ ip: '73.12.34.56', at: '2026-11-20T15:04:05Z', kind: 'application' }],
});
function report(label: string, source: SanctionsSource): void {
  const result = measureNameFairness(nameOnlyScorer(base, source));
  console.log(
    `\n${label}\n\n| culture | names | band above low | potential match | rate | e.g. |\n| --- | --- | --- | --- | --- | --- |`,
  );
  for (const culture of result.cultures) {
    console.log(
      `| ${culture.culture} | ${culture.names} | ${culture.aboveLow} | ${culture.potentialMatches} | ${(culture.potentialMatchRate * 100).toFixed(2)}% | ${culture.examples.slice(0, 3).join(', ')} |`,
    );
  }
  console.log(
    `\nhighest / lowest non-zero rate: ${result.highestToLowestRatio?.toFixed(1) ?? 'n/a'}; counting a culture at 0 as one hit: ${result.highestToLowestRatioWithFloor.toFixed(1)}`,
  );
}

const entries = loadOfacDirectories(directories.map((directory) => path.join(ofacData, directory))).entries;
const index = SanctionsIndex.build(entries);
report(`Full OFAC lists (${entries.length} entries)`, () => ({
  index,
  version: { id: 'bench', isBuiltIn: false, entryCount: entries.length },
}));
report('Built-in DPRK list', builtInSanctionsSource());
