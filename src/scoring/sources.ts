// Citations used by the indicators, one place so that wording stays consistent.
export const sources = {
  adv22Employers: '2022 State/Treasury/FBI DPRK IT Worker Advisory (16 May 2022), red flags for employers',
  adv22Platforms: '2022 State/Treasury/FBI DPRK IT Worker Advisory (16 May 2022), red flags for freelance and payment platforms',
  adv22Mitigations: '2022 State/Treasury/FBI DPRK IT Worker Advisory (16 May 2022), due-diligence measures',
  ofac2025: 'OFAC designations of 16 Jan 2025 (Department 53, Korea Osong Shipping, Chonsurim Trading, Liaoning China Trade): IT workers in China, Laos and Russia',
  psa24: 'FBI PSA I-051624-PSA (16 May 2024): laptop farms and facilitators',
} as const;
