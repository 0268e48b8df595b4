// Name and wallet matching against the full OFAC list: self-matches, a variant suite (recall), ordinary names (false
// positives), peers' traps, date of birth and country, Linked To, and the index against brute force.
import path from 'node:path';
import { generateOrdinaryNames, seededRandom } from '../../src/sanctions/evaluation/ordinary-names';
import { generateVariants } from '../../src/sanctions/evaluation/variants';
import { loadOfacDirectories } from '../../src/sanctions/load-ofac';
import { prepareName } from '../../src/sanctions/normalise';
import { SanctionsIndex } from '../../src/sanctions/sanctions-index';
import { matchThresholds } from '../../src/sanctions/thresholds';
import type { SanctionsEntry, SanctionsMatch } from '../../src/sanctions/types';
import {
  beforeAllWithSharedData,
  describeWithSharedData,
  FULL_OFAC_DIRECTORIES,
  sharedData,
} from '../support/shared-data';

// The real files, read where they are (never copied into the repository).
const ofac = sharedData('ofac');
const ofacData = ofac.dir;
const directories = FULL_OFAC_DIRECTORIES;

let entries: SanctionsEntry[];
let index: SanctionsIndex;
beforeAllWithSharedData(ofac, () => {
  entries = loadOfacDirectories(directories.map((directory) => path.join(ofacData, directory))).entries;
  index = SanctionsIndex.build(entries);
});

const typeHint = (entry: SanctionsEntry) =>
  entry.type === 'individual' ? false : entry.type === 'entity' ? true : undefined;
const own = (matches: SanctionsMatch[], uid: string) => matches.find((match) => match.uid === uid);

describeWithSharedData(ofac, 'every listed name', () => {
  it('matches its own entry at the top score: every primary name and strong alias of the full list', () => {
    const failures: string[] = [];
    let names = 0;
    for (const entry of entries) {
      for (const name of [entry.name, ...entry.aliases.filter((alias) => !alias.isWeak).map((alias) => alias.name)]) {
        names += 1;
        const matches = index.screenName(name, { isEntity: typeHint(entry), limit: 50 });
        const mine = own(matches, entry.uid);
        if (!mine || mine.score !== 100 || matches[0]!.score > mine.score)
          failures.push(`${entry.uid} "${name}" -> ${mine?.score ?? 'none'}`);
      }
    }
    expect(names).toBeGreaterThan(34000);
    expect(failures).toEqual([]);
  });
});

describeWithSharedData(ofac, 'variants of listed names (recall at the possible threshold)', () => {
  it.each([
    ['Korea Osong Shipping Co', 'SDN-52282'],
    ['Chonsurim Trading Corp.', 'SDN-52283'],
    ['Jong In-chol', 'SDN-52289'],
    ['Chong In Chol', 'SDN-52289'],
    ['In Chol Jong', 'SDN-52289'],
    ['JONG INCHOL', 'SDN-52289'],
    ['Jeong In-cheol', 'SDN-52289'],
    ['Son Kyong-sik', 'SDN-52286'],
    ['Sohn Kyung Shik', 'SDN-52286'],
    ['Son Gyeong-sik', 'SDN-52286'],
    ['Liaoning China Trade Industry Company Limited', 'SDN-52264'],
    ['Department 53 of the Ministry of the Peoples Armed Forces', 'SDN-52262'],
    ['Yanbian Silver Star Network Technology', 'SDN-24977'],
    ['Chinyong Information Technology Cooperation Co.', 'SDN-43379'],
  ])('"%s" finds %s as a strong match', (name, uid) => {
    const matches = index.screenName(name);
    expect(matches[0]).toMatchObject({ uid, strength: 'strong' });
  });

  it('finds a dropped middle word as possible, beside the entry that is exactly that name', () => {
    // "LIAONING INDUSTRY & TRADE CO., LTD." is an alias of LIMMT (SDN-9749): the exact name comes first.
    const matches = index.screenName('Liaoning Trade Industry Co Ltd');
    expect(matches.map((match) => [match.uid, match.strength])).toEqual([
      ['SDN-9749', 'strong'],
      ['SDN-52264', 'possible'],
    ]);
  });

  it('recalls at least 98% of a generated suite (case, punctuation, reordering, legal forms, romanisation, hyphens, joined and dropped middle tokens)', () => {
    const byKind = new Map<string, { total: number; found: number }>();
    const missed: string[] = [];
    for (const entry of entries) {
      for (const variant of generateVariants(entry.name, entry.type)) {
        const counts = byKind.get(variant.kind) ?? { total: 0, found: 0 };
        byKind.set(variant.kind, counts);
        counts.total += 1;
        if (own(index.screenName(variant.name, { limit: 50 }), entry.uid)) counts.found += 1;
        else missed.push(`${variant.kind}: ${variant.name}`);
      }
    }
    const total = [...byKind.values()].reduce((sum, counts) => sum + counts.total, 0);
    const recall = 1 - missed.length / total;
    expect(total).toBeGreaterThan(60000);
    expect([...byKind.keys()].sort()).toEqual([
      'case',
      'dropped-middle',
      'hyphen',
      'joined',
      'legal-form',
      'punctuation',
      'reorder',
      'romanisation',
    ]);
    // Measured 99.9% over 64,497 variants (docs/sanctions.md); each kind on its own is at least 99%.
    expect(recall).toBeGreaterThanOrEqual(0.998);
    for (const [kind, counts] of byKind) expect([kind, counts.found / counts.total >= 0.99]).toEqual([kind, true]);
  });
});

describeWithSharedData(ofac, 'ordinary names (false positives at the possible threshold)', () => {
  const names = generateOrdinaryNames(2400);
  // A homonym: every word of the applicant's name is a word of the listed name (equal, or the same romanisation).
  const isHomonym = (match: SanctionsMatch) => match.tokenScores.every((token) => token.score >= 0.97);

  it('uses at least 2,000 names from 14 cultures', () => {
    expect(new Set(names.map((one) => one.name)).size).toBe(2400);
    expect(new Set(names.map((one) => one.culture)).size).toBe(14);
  });

  it('flags at most 0.5% by name alone, homonyms of listed people aside, and at most 1.5% in all', () => {
    const flagged = names
      .map((one) => ({ ...one, match: index.screenName(one.name, { isEntity: false })[0] }))
      .filter((one) => one.match);
    const fuzzy = flagged.filter((one) => !isHomonym(one.match!));
    // Measured: 32 of 2,400 (1.33%) reach possible; 23 of them are homonyms such as "Zhang Wei" (listed as ZHANG, Wei)
    // or "Pavel Popov" (POPOV, Pavel Anatolievich), which no name matcher can clear without a date of birth.
    expect(fuzzy.length / names.length).toBeLessThanOrEqual(0.005);
    expect(flagged.length / names.length).toBeLessThanOrEqual(0.015);
  });

  it('flags by name alone what the other requirements oblige it to flag (why 0.5% by name alone is out of reach)', () => {
    // Each name-only hit, by what the applicant's words are to the listed name's (docs/sanctions.md, "False positives").
    const kinds = { whole: [] as string[], wholeFolded: [] as string[], partOf: [] as string[], fuzzy: [] as string[] };
    for (const one of names) {
      const [match] = index.screenName(one.name, { isEntity: false });
      if (!match) continue;
      const listedWords = new Set(
        match.tokenScores.flatMap((token) => token.listed.split(' ')).filter((word) => word !== ''),
      );
      const listedCount = prepareName(match.matchedName, { isPerson: match.entryType === 'individual' }).tokens.length;
      const entry = `${one.name} -> ${match.matchedName}`;
      if (!isHomonym(match)) kinds.fuzzy.push(entry);
      else if (listedWords.size < listedCount) kinds.partOf.push(entry);
      else if (match.tokenScores.every((token) => token.score === 1)) kinds.whole.push(entry);
      else kinds.wholeFolded.push(entry);
    }
    // The applicant's whole name is a listed primary name or strong alias: the same input as a self-match, which must
    // score 100 ("Zhang Wei" is ZHANG, Wei).
    expect(kinds.whole.length).toBeGreaterThanOrEqual(3);
    expect(kinds.whole).toContain('ZHANG, Wei -> ZHANG, Wei');
    // The whole name under the romanisation folds the DPRK names need (SUN = SON, LI = YI, BO = PU).
    expect(kinds.wholeFolded.length).toBeGreaterThanOrEqual(2);
    // The listed name with a middle name, patronymic or second surname left out: the generated "dropped-middle"
    // variant itself ("Pavel Popov" is the dropped-middle variant of POPOV, Pavel Anatolievich).
    expect(kinds.partOf).toContain('Pavel Popov -> POPOV, Pavel Anatolievich');
    expect(generateVariants('POPOV, Pavel Anatolievich', 'individual')).toContainEqual({
      kind: 'dropped-middle',
      name: 'Pavel POPOV',
    });
    expect(kinds.partOf.length).toBeGreaterThanOrEqual(15);
    expect(kinds.fuzzy.length / names.length).toBeLessThanOrEqual(0.005);
  });

  it('flags at most 0.5% when the applicant gives a date of birth, and only exact homonyms then', () => {
    const random = seededRandom(7);
    const flagged: SanctionsMatch[] = [];
    for (const one of names) {
      const dateOfBirth = `${1960 + Math.floor(random() * 43)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const [match] = index.screenName(one.name, { isEntity: false, dateOfBirth });
      if (match) flagged.push(match);
    }
    expect(flagged.length / names.length).toBeLessThanOrEqual(0.005);
    expect(flagged.every((match) => match.strength === 'possible')).toBe(true);
  });
});

describeWithSharedData(ofac, "peers' traps", () => {
  it('"George Bush" does not match "George Habbash"', () => {
    expect(index.screenName('George Bush')).toEqual([]);
    expect(
      index.screenName('George Bush', { minScore: 0, limit: 1000 }).find((match) => /HABBASH/i.test(match.matchedName))
        ?.score ?? 0,
    ).toBeLessThan(matchThresholds.possible);
  });

  it('"BELLETECH CORP" does not match "11420 CORP." (numbers never pair with words; legal forms are not names)', () => {
    expect(index.screenName('BELLETECH CORP')).toEqual([]);
    expect(
      index
        .screenName('BELLETECH CORP', { minScore: 0, limit: 1000 })
        .filter((match) => match.entryName.startsWith('11420')),
    ).toEqual([]);
  });

  it('"Kim Jong Un" matches KIM, Jong Un and not every KIM', () => {
    const matches = index.screenName('Kim Jong Un');
    expect(matches[0]).toMatchObject({ entryName: 'KIM, Jong Un', score: 100, strength: 'strong' });
    const kims = entries.filter((entry) => /^KIM\b/.test(entry.name)).length;
    expect(kims).toBeGreaterThan(40);
    expect(matches.length).toBeLessThanOrEqual(3);
  });
});

describeWithSharedData(ofac, 'date of birth and country', () => {
  it('raise a candidate when they agree and lower it when they differ, only when both sides have them', () => {
    const plain = own(index.screenName('Jong In Chol'), 'SDN-52289')!;
    const sameDay = own(index.screenName('Jong In Chol', { dateOfBirth: '1979-01-05', country: 'KP' }), 'SDN-52289')!;
    const different = own(
      index.screenName('Chong In Chol', { dateOfBirth: '1990-07-20', country: 'US', minScore: 0 }),
      'SDN-52289',
    )!;
    expect(sameDay.score).toBe(100);
    expect(sameDay.adjustments.map((adjustment) => adjustment.points)).toEqual([6, 3]);
    expect(different.score).toBeLessThan(plain.score - 15);
    expect(different.adjustments.map((adjustment) => adjustment.reason)).toEqual([
      expect.stringMatching(/differs from the listed 05 Jan 1979/),
      expect.stringMatching(/country US is none of the entry's \(KP/),
    ]);
    // An entity has no date of birth: nothing to compare, nothing changes.
    const entity = own(index.screenName('Korea Osong Shipping Co', { dateOfBirth: '1990-07-20' }), 'SDN-52282')!;
    expect(entity.adjustments).toEqual([]);
  });

  it('lift a near name over the possible threshold only with a matching date of birth', () => {
    // Given names only: the surname JONG is missing, so the name alone stays below possible.
    const [withoutDate] = index.screenName('In Chol', { minScore: 0 }).filter((match) => match.uid === 'SDN-52289');
    expect(withoutDate!.score).toBeLessThan(matchThresholds.possible);
    expect(withoutDate!.score + 9).toBeGreaterThanOrEqual(matchThresholds.possible);
    expect(own(index.screenName('In Chol', { dateOfBirth: '1979-01-05', country: 'KP' }), 'SDN-52289')).toMatchObject({
      strength: 'possible',
    });
    expect(own(index.screenName('In Chol', { dateOfBirth: '1985-03-01', country: 'KP' }), 'SDN-52289')).toBeUndefined();
  });
});

describeWithSharedData(ofac, 'findings', () => {
  it('carry uid, list, programs, the matched alias, the field and per-word scores; weak aliases are never strong', () => {
    const [match] = index.screenName('Osong Shipping Company', { field: 'payment.payeeEntity' });
    expect(match).toMatchObject({
      uid: 'SDN-52282',
      list: 'SDN',
      programs: ['DPRK3'],
      entryName: 'KOREA OSONG SHIPPING CORPORATION',
      nameKind: 'alias',
      field: 'payment.payeeEntity',
      strength: 'strong',
    });
    expect(match!.tokenScores).toEqual([
      { query: 'OSONG', listed: 'OSONG', score: 1 },
      { query: 'SHIPPING', listed: 'SHIPPING', score: 1 },
    ]);
    expect(match!.note).toMatch(/50 percent rule/);
    // HIDDEN COBRA is a weak a.k.a. of LAZARUS GROUP, written only in its remarks.
    const [weak] = index.screenName('Hidden Cobra');
    expect(weak).toMatchObject({
      uid: 'SDN-27307',
      nameKind: 'weak-alias',
      isWeakAlias: true,
      strength: 'possible',
      score: 90,
    });
    expect(weak!.note).toMatch(/weak a\.k\.a\./);
  });

  it('resolve Linked To names, so a match on a front shows the designated entity behind it', () => {
    const [alis] = index.screenName('Limited Liability Company Alis');
    expect(alis!.linkedTo).toEqual([
      { name: 'CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY', uid: 'SDN-43379', programs: ['DPRK2'] },
    ]);
    expect(alis!.note).toContain('Linked to listed CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY (SDN-43379)');
    const [jong] = index.screenName('Jong In Chol');
    expect(jong!.linkedTo).toEqual([{ name: 'CHONSURIM TRADING CORPORATION', uid: 'SDN-52283', programs: ['DPRK3'] }]);
    const unresolved = index.stats.unresolvedLinks;
    const linkedTotal = entries.reduce((sum, entry) => sum + entry.linkedTo.length, 0);
    expect(linkedTotal).toBeGreaterThan(6000);
    // Measured: 36 of 6,400 Linked To names are not the name of a loaded entry; they are screened as linked parties.
    expect(unresolved / linkedTotal).toBeLessThan(0.01);
  });
});

describeWithSharedData(ofac, 'wallets', () => {
  it('match listed digital currency addresses exactly, hex and bech32 in any case, base58 only as written', () => {
    const lazarus = entries.find((entry) => entry.uid === 'SDN-27307')!;
    const eth = lazarus.digitalCurrencyAddresses.find((wallet) => wallet.chain === 'ETH')!;
    expect(index.screenWallet(eth.address.toLowerCase(), 'payment.walletAddress')[0]).toMatchObject({
      uid: 'SDN-27307',
      nameKind: 'wallet',
      score: 100,
      strength: 'strong',
      field: 'payment.walletAddress',
      matchedName: eth.address,
    });
    expect(index.screenWallet(eth.address.toUpperCase().replace(/^0X/, '0x'))[0]!.uid).toBe('SDN-27307');
    const base58 = entries
      .flatMap((entry) => entry.digitalCurrencyAddresses.map((wallet) => ({ entry, wallet })))
      .find(({ wallet }) => wallet.chain === 'XBT' && /^[13]/.test(wallet.address))!;
    expect(index.screenWallet(` ${base58.wallet.address} `)[0]!.uid).toBe(base58.entry.uid);
    expect(index.screenWallet(base58.wallet.address.toLowerCase())).toEqual([]);
    expect(index.screenWallet(eth.address.slice(0, -1) + (eth.address.endsWith('0') ? '1' : '0'))).toEqual([]);
    expect(index.stats.wallets).toBeGreaterThan(400);
  });
});

describeWithSharedData(ofac, 'the index', () => {
  it('finds every entry brute force finds above the threshold, with the same score', () => {
    // Brute force scores all 38,000 listed names (about 0.2 s a query), so the sample is kept small.
    const queries = [
      ...generateOrdinaryNames(25, 99).map((one) => one.name),
      ...entries
        .filter((_, i) => i % 2003 === 0)
        .flatMap((entry) => generateVariants(entry.name, entry.type).map((variant) => variant.name)),
      'Abdullah ABDULLAH',
      'Ahmad Ali Ahmad',
      'Li Li',
      'Kim Jong Un',
      'Chong In Chol',
      'BANK',
      'AL',
      'TRADING COMPANY LIMITED',
    ];
    expect(queries.length).toBeGreaterThan(60);
    const differences: string[] = [];
    for (const query of queries) {
      for (const options of query.length % 3 === 0
        ? [{}, { isEntity: false, dateOfBirth: '1979-01-05', country: 'KP' }]
        : [{}]) {
        const found = new Map(
          index.screenName(query, { ...options, limit: 10_000 }).map((match) => [match.uid, match.score]),
        );
        for (const match of index.bruteForce(query, { ...options, limit: 10_000 })) {
          if (found.get(match.uid) !== match.score)
            differences.push(`${query}: ${match.uid} ${match.score} vs ${found.get(match.uid)}`);
        }
      }
    }
    expect(differences).toEqual([]);
  }, 120_000);
});
