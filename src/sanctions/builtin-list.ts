// A small built-in sanctions list: the DPRK IT-worker designations named in public OFAC actions. The service
// screens against it while no OFAC list has been imported (`sanctions import` / `sanctions update`), so that the
// best-known fronts and people are never missed; /readyz then says that the full list is not loaded.
//
// Every value is copied from OFAC's own files in ../shared/data/ofac (see its README for provenance): primary
// rows from sdn-2024-05-03_jackdwyer/sdn.csv (2018 and 2023 actions) and sdn-2026-04-23_excerpt_Sentinel-RAG/
// sdn_dprk_excerpt.csv (2025 actions), aliases and addresses from tfidf-2025-12-24_moov-watchman/{alt,add}.csv,
// remarks parsed as the importer parses them. test/unit/sanctions-builtin.test.ts proves that each entry still
// agrees with those files, so this snapshot cannot drift silently. The uid is the SDN ent_num ("SDN-<ent_num>").
import { noRemarkedAttributes } from './remarks';
import type { SanctionsEntry } from './types';

type Listed = Pick<SanctionsEntry, 'entNum' | 'name' | 'type' | 'programs'> &
  Partial<Omit<SanctionsEntry, 'uid' | 'list'>>;

function listed(fields: Listed): SanctionsEntry {
  return {
    uid: `SDN-${fields.entNum}`,
    list: 'BUILTIN',
    title: null,
    aliases: [],
    addresses: [],
    ...noRemarkedAttributes(),
    vessel: null,
    remarks: null,
    ...fields,
  };
}

const entries: Array<[string, SanctionsEntry[]]> = [
  // OFAC press release of 2025-01-16: Department 53 of the Ministry of the People's Armed Forces, its fronts Korea
  // Osong Shipping Co. and Chonsurim Trading Corporation, Liaoning China Trade Industry Co., Ltd., and the officials
  // Jong In Chol and Son Kyong Sik.
  [
    '2025-01-16',
    [
      listed({
        entNum: 52262,
        name: "DEPARTMENT 53 OF THE MINISTRY OF THE PEOPLE'S ARMED FORCES",
        type: 'entity',
        programs: ['DPRK2'],
        aliases: [
          { name: 'KOREA PONGNAESAN TRADING CORPORATION', isWeak: false, kind: 'aka' },
          { name: 'DEPARTMENT 53', isWeak: true, kind: 'aka' },
          { name: 'BUREAU 53', isWeak: true, kind: 'aka' },
        ],
        addresses: [
          { address: null, city: 'Pyongyang', country: 'Korea, North', remarks: null },
          { address: null, city: null, country: 'Russia', remarks: null },
        ],
        remarks:
          "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Target Type Government Entity; a.k.a. 'DEPARTMENT 53'; a.k.a. 'BUREAU 53'.",
      }),
      listed({
        entNum: 52264,
        name: 'LIAONING CHINA TRADE INDUSTRY CO., LTD.',
        type: 'entity',
        programs: ['DPRK2'],
        aliases: [{ name: 'LIAONING ZHONGMAO INDUSTRIAL CO., LTD', isWeak: false, kind: 'aka' }],
        addresses: [{ address: null, city: 'Dandong', country: 'China', remarks: null }],
        identifiers: [
          {
            kind: 'Unified Social Credit Code (USCC)',
            value: '91210600MA0YQP7Y0B',
            country: 'China',
            issued: null,
            expires: null,
          },
        ],
        linkedTo: ["DEPARTMENT 53 OF THE MINISTRY OF THE PEOPLE'S ARMED FORCES"],
        remarks:
          "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Organization Established Date 21 Jun 2019; Unified Social Credit Code (USCC) 91210600MA0YQP7Y0B (China); Linked To: DEPARTMENT 53 OF THE MINISTRY OF THE PEOPLE'S ARMED FORCES.",
      }),
      listed({
        entNum: 52282,
        name: 'KOREA OSONG SHIPPING CORPORATION',
        type: 'entity',
        programs: ['DPRK3'],
        aliases: [
          { name: 'OSONG SHIPPING CORPORATION', isWeak: false, kind: 'aka' },
          { name: 'OSONG SHIPPING COMPANY', isWeak: false, kind: 'aka' },
        ],
        addresses: [
          { address: 'Kansong-dong, Pyongchon-guyok', city: 'Pyongyang', country: 'Korea, North', remarks: null },
        ],
        identifiers: [
          { kind: 'Company Number', value: '5619960', country: 'Korea, North', issued: null, expires: null },
        ],
        remarks:
          'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Organization Established Date 2006; Company Number 5619960 (Korea, North).',
      }),
      listed({
        entNum: 52283,
        name: 'CHONSURIM TRADING CORPORATION',
        type: 'entity',
        programs: ['DPRK3'],
        aliases: [{ name: 'KOREA CHONSURIM TRADING CORPORATION', isWeak: false, kind: 'aka' }],
        addresses: [{ address: null, city: 'Pyongyang', country: 'Korea, North', remarks: null }],
        remarks:
          'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Organization Type: Other information technology and computer service activities.',
      }),
      listed({
        entNum: 52286,
        name: 'SON, Kyong Sik',
        type: 'individual',
        programs: ['DPRK3'],
        addresses: [{ address: null, city: 'Shenyang', country: 'China', remarks: null }],
        datesOfBirth: ['20 Apr 1959'],
        nationalities: ['Korea, North'],
        gender: 'Male',
        identifiers: [{ kind: 'Passport', value: '381220302', country: 'Korea, North', issued: null, expires: null }],
        linkedTo: ['KOREA OSONG SHIPPING CORPORATION'],
        remarks:
          'DOB 20 Apr 1959; nationality Korea, North; Gender Male; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Passport 381220302 (Korea, North); Linked To: KOREA OSONG SHIPPING CORPORATION.',
      }),
      listed({
        entNum: 52289,
        name: 'JONG, In Chol',
        type: 'individual',
        programs: ['DPRK3'],
        addresses: [{ address: null, city: null, country: 'Laos', remarks: null }],
        datesOfBirth: ['05 Jan 1979'],
        nationalities: ['Korea, North'],
        gender: 'Male',
        identifiers: [
          { kind: 'Passport', value: '390220044', country: 'Korea, North', issued: null, expires: '12 May 2025' },
        ],
        linkedTo: ['CHONSURIM TRADING CORPORATION'],
        remarks:
          'DOB 05 Jan 1979; nationality Korea, North; Gender Male; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Passport 390220044 (Korea, North) expires 12 May 2025; Linked To: CHONSURIM TRADING CORPORATION.',
      }),
    ],
  ],
  // OFAC press release of 2023-05-23: Chinyong Information Technology Cooperation Company (a.k.a. Jinyong IT
  // Cooperation Company), which employs DPRK IT workers in Russia and Laos.
  [
    '2023-05-23',
    [
      listed({
        entNum: 43379,
        name: 'CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY',
        type: 'entity',
        programs: ['DPRK2'],
        aliases: [{ name: 'JINYONG IT COOPERATION COMPANY', isWeak: false, kind: 'aka' }],
        addresses: [{ address: null, city: null, country: 'Korea, North', remarks: null }],
        remarks:
          'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Organization Type: Other information technology and computer service activities.',
      }),
    ],
  ],
  // OFAC press release of 2018-09-13: Yanbian Silverstar Network Technology (China) and its Russian front Volasys
  // Silver Star, IT companies controlled by the DPRK.
  [
    '2018-09-13',
    [
      listed({
        entNum: 24977,
        name: 'YANBIAN SILVERSTAR NETWORK TECHNOLOGY CO., LTD.',
        type: 'entity',
        programs: ['DPRK3', 'DPRK4'],
        aliases: [
          { name: 'YANBIAN SILVERSTAR', isWeak: false, kind: 'aka' },
          { name: 'YANBIAN SILVER STAR', isWeak: false, kind: 'aka' },
          { name: 'SILVER STAR INTERNET TECHNOLOGY CORPORATION', isWeak: false, kind: 'aka' },
          { name: 'CHINA SILVER STAR INTERNET TECHNOLOGY COMPANY', isWeak: false, kind: 'aka' },
          { name: 'UNSONG INTERNET TECHNOLOGY CORPORATION', isWeak: false, kind: 'aka' },
          { name: 'YANJI SILVER STAR NETWORK TECHNOLOGY CO. LTD.', isWeak: false, kind: 'aka' },
          { name: 'SILVER STAR CHINA', isWeak: false, kind: 'aka' },
        ],
        addresses: [
          { address: '20998B-26 Changbaishan East Road', city: 'Yanji, Jilin', country: 'China', remarks: null },
          {
            address: 'No. 213-214,  Building 2, Science and Technology Industrial Park, Yanji Development Zone',
            city: null,
            country: 'China',
            remarks: null,
          },
          {
            address: 'Chang Bai Shan Dong Lu, 20998B-26Hao',
            city: 'Yanji, Jilin 133000',
            country: 'China',
            remarks: null,
          },
        ],
        identifiers: [
          {
            kind: 'Unified Social Credit Code (USCC)',
            value: '91222401MA0Y31E659',
            country: 'China',
            issued: null,
            expires: null,
          },
        ],
        remarks:
          'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Unified Social Credit Code (USCC) 91222401MA0Y31E659 (China).',
      }),
      listed({
        entNum: 24978,
        name: 'VOLASYS SILVER STAR',
        type: 'entity',
        programs: ['DPRK3', 'DPRK4'],
        addresses: [{ address: '41 Ulitsa Klary Tsetskin', city: 'Vladivostok', country: 'Russia', remarks: null }],
        remarks:
          'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214.',
      }),
    ],
  ],
  // OFAC press release of 2025-07-24 (late July 2025 per news reports; not 2023: their ent_nums 54762-54800 come
  // after the 2025-01-16 set's 52262-52289, and the 2024 sdn.csv does not have them): Korea Sobaeksu Trading
  // Company and its people Kim Se Un, Jo Kyong Hun and Myong Chol Min, who ran IT-worker schemes.
  [
    '2025-07-24',
    [
      listed({
        entNum: 54764,
        name: 'KOREA SOBAEKSU TRADING CORPORATION',
        type: 'entity',
        programs: ['NPWMD'],
        aliases: [
          { name: 'KOREA SOBAEKSU UNITED CORPORATION', isWeak: false, kind: 'aka' },
          { name: 'SOBAEKSU UNITED CORP.', isWeak: false, kind: 'aka' },
          { name: 'SOBAEKU UNITED CORP', isWeak: false, kind: 'aka' },
          { name: 'KOREA SOBAEKSU UNITED CO.', isWeak: false, kind: 'aka' },
        ],
        addresses: [
          {
            address: 'Huale St. Aojing Park Building 23, Unit 2 12-01, Zhongshan District',
            city: 'Dalian, Liaoning',
            country: 'China',
            remarks: null,
          },
          {
            address: '5 Center St., Xinxing District, Donggang City',
            city: 'Dandong, Liaoning',
            country: 'China',
            remarks: null,
          },
        ],
        linkedTo: ['MUNITIONS INDUSTRY DEPARTMENT'],
        remarks:
          'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Organization Type: Other information technology and computer service activities; Linked To: MUNITIONS INDUSTRY DEPARTMENT.',
      }),
      listed({
        entNum: 54763,
        name: 'KIM, Se Un',
        type: 'individual',
        programs: ['NPWMD'],
        aliases: [{ name: "KIM, Se-u'n", isWeak: false, kind: 'aka' }],
        addresses: [{ address: null, city: 'Ho Chi Minh City', country: 'Vietnam', remarks: null }],
        datesOfBirth: ['25 Mar 1978'],
        placesOfBirth: ['Nampho, North Korea'],
        nationalities: ['Korea, North'],
        gender: 'Male',
        identifiers: [
          {
            kind: 'Passport',
            value: '390120007',
            country: 'Korea, North',
            issued: '09 Jan 2020',
            expires: '09 Jan 2025',
          },
        ],
        linkedTo: ['KOREA SOBAEKSU TRADING CORPORATION'],
        remarks:
          'DOB 25 Mar 1978; POB Nampho, North Korea; nationality Korea, North; Gender Male; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Passport 390120007 (Korea, North) issued 09 Jan 2020 expires 09 Jan 2025; Linked To: KOREA SOBAEKSU TRADING CORPORATION.',
      }),
      listed({
        entNum: 54800,
        name: 'JO, Kyong Hun',
        type: 'individual',
        programs: ['NPWMD'],
        aliases: [{ name: "CHO, Kyo'ng-hun", isWeak: false, kind: 'aka' }],
        addresses: [{ address: null, city: null, country: 'Korea, North', remarks: null }],
        datesOfBirth: ['19 Jun 1990'],
        placesOfBirth: ['Pyongyang, North Korea'],
        nationalities: ['Korea, North'],
        gender: 'Male',
        identifiers: [
          {
            kind: 'Passport',
            value: '108432959',
            country: 'Korea, North',
            issued: '19 Oct 2018',
            expires: '19 Oct 2023',
          },
        ],
        linkedTo: ['KOREA SOBAEKSU TRADING CORPORATION'],
        remarks:
          'DOB 19 Jun 1990; POB Pyongyang, North Korea; nationality Korea, North; Gender Male; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Passport 108432959 (Korea, North) issued 19 Oct 2018 expires 19 Oct 2023; Linked To: KOREA SOBAEKSU TRADING CORPORATION.',
      }),
      listed({
        entNum: 54762,
        name: 'MYONG, Chol Min',
        type: 'individual',
        programs: ['DPRK4'],
        addresses: [{ address: null, city: null, country: 'Korea, North', remarks: null }],
        datesOfBirth: ['25 Sep 1966'],
        placesOfBirth: ['Pyongyang, North Korea'],
        nationalities: ['Korea, North'],
        gender: 'Male',
        identifiers: [
          {
            kind: 'Passport',
            value: '745338501',
            country: 'Korea, North',
            issued: '19 Sep 2015',
            expires: '19 Sep 2020',
          },
        ],
        remarks:
          'DOB 25 Sep 1966; POB Pyongyang, North Korea; nationality Korea, North; Gender Male; Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: North Korea Sanctions Regulations section 510.214; Passport 745338501 (Korea, North) issued 19 Sep 2015 expires 19 Sep 2020.',
      }),
    ],
  ],
];

/** The date of the OFAC press release that designated each built-in entry, by uid. */
export const builtInDesignationDates: Readonly<Record<string, string>> = Object.fromEntries(
  entries.flatMap(([date, group]) => group.map((entry) => [entry.uid, date])),
);

/** The built-in entries (list 'BUILTIN', uids of the SDN list). */
export const builtInSanctionsEntries: readonly SanctionsEntry[] = Object.freeze(entries.flatMap(([, group]) => group));
