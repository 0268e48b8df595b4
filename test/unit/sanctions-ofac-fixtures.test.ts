// Agreement with OFAC's own Sanctions List Search on (query, listed name, OFAC score) pairs captured by OpenSanctions.
import fs from 'node:fs';
import path from 'node:path';
import { readCsvRecords } from '../../src/sanctions/csv-records';
import { loadOfacDirectories } from '../../src/sanctions/load-ofac';
import { SanctionsIndex } from '../../src/sanctions/sanctions-index';
import { matchThresholds } from '../../src/sanctions/thresholds';
import { describeWithSharedData, sharedData } from '../support/shared-data';

const ofac = sharedData('ofac');
const ofacData = ofac.dir;

interface Row {
  query: string;
  listed: string;
  /** OFAC's score; -1 where OFAC did not return the name. */
  ofac: number;
  ours: number;
}

describeWithSharedData(ofac, "agreement with OFAC's Sanctions List Search", () => {
  let rows: Row[];
  beforeAll(() => {
    // Word weights come from the full 2024 list, as in production.
    const index = SanctionsIndex.build(loadOfacDirectories([path.join(ofacData, 'sdn-2024-05-03_jackdwyer')]).entries);
    const records = readCsvRecords(
      fs.readFileSync(path.join(ofacData, 'matching', 'ofac_search_score_fixtures.csv'), 'utf8'),
    ).slice(1);
    rows = records.map(({ fields: [query, listed, score] }) => ({
      query: query!,
      listed: listed!,
      ofac: Number(score),
      ours: index.compareNames(query!, listed!, { isListedPerson: listed!.includes(',') }).score,
    }));
  });

  it('reads all 170 pairs', () => {
    expect(rows).toHaveLength(170);
  });

  // Measured (docs/sanctions.md): OFAC's tool scores any shared word or near-spelling high ("KIM JONG UN" vs "KIM, Yo Jong"
  // 100, "VLADIMIR PUTIN" vs "VLADIMIR BILIY" 90, "MAHMOOD" vs "AHMADINEJAD, Mahmood" 100); we do not, by design.
  it('flags what OFAC scores 100 when the query is the listed name or most of it', () => {
    const ofac100 = rows.filter((row) => row.ofac === 100);
    const flagged = ofac100.filter((row) => row.ours >= matchThresholds.possible);
    expect(ofac100).toHaveLength(49);
    expect(flagged.length).toBeGreaterThanOrEqual(24);
    for (const [query, listed] of [
      ['VLADIMIR PUTIN', 'PUTIN, Vladimir'],
      ['PUTIN VLADIMIR', 'PUTIN, Vladimir Vladimirovich'],
      ['OSAMA BIN LADEN', 'BIN LADEN, Osama'],
      ['KIM JONG UN', 'KIM, Jong Un'],
      ['ASSAD BASHAR', 'ASSAD, Bashar'],
      ['AL-QAEDA', 'AL QAEDA'],
      ['ABD AL RAHMAN', "'ABD AL-RAHMAN"],
    ]) {
      expect([
        query,
        listed,
        rows.find((row) => row.query === query && row.listed === listed)!.ours >= matchThresholds.possible,
      ]).toEqual([query, listed, true]);
    }
  });

  it('does not flag what OFAC scores below 90 or does not return', () => {
    const low = rows.filter((row) => row.ofac < 90);
    const agreeing = low.filter((row) => row.ours < matchThresholds.possible);
    expect(low).toHaveLength(75);
    expect(agreeing.length).toBeGreaterThanOrEqual(72);
  });

  it('agrees on flag / no flag for at least 60% of all pairs, and on the order of two names for one query more often than not', () => {
    const agree = rows.filter((row) => row.ofac >= 90 === row.ours >= matchThresholds.possible);
    expect(agree.length / rows.length).toBeGreaterThanOrEqual(0.6);
    let concordant = 0;
    let discordant = 0;
    const scored = rows.filter((row) => row.ofac >= 0);
    for (const a of scored) {
      for (const b of scored) {
        if (a.query !== b.query || a.ofac <= b.ofac) continue;
        if (a.ours > b.ours) concordant += 1;
        else if (a.ours < b.ours) discordant += 1;
      }
    }
    expect(concordant).toBeGreaterThan(discordant);
  });
});
