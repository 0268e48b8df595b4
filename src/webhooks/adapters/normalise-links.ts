// An applicant's links (LinkedIn, GitHub, a portfolio, social networks) as the contract's profiles.
import type { ApplicantInput } from '../../applicants/applicant-schema';
import { asText } from './read';

type ProfilesInput = NonNullable<ApplicantInput['profiles']>;

// First path segments on github.com that are pages, not people.
const githubPages = new Set([
  'about',
  'apps',
  'collections',
  'contact',
  'enterprise',
  'events',
  'explore',
  'features',
  'login',
  'marketplace',
  'orgs',
  'pricing',
  'search',
  'settings',
  'site',
  'sponsors',
  'topics',
  'trending',
]);

// Social networks: a link there is not a portfolio.
const socialHosts = [
  'twitter.com',
  'x.com',
  'facebook.com',
  'instagram.com',
  'tiktok.com',
  'youtube.com',
  'threads.net',
  'reddit.com',
  't.me',
  'telegram.me',
  'wa.me',
  'vk.com',
  'weibo.com',
  'mastodon.social',
  'bsky.app',
];

export type ProfileLink =
  | { kind: 'linkedin'; url: string }
  | { kind: 'github'; login: string }
  | { kind: 'web'; url: string }
  | { kind: 'social'; url: string };

/** An http(s) URL, with https:// added to a bare domain ("mysite.com"); handles ("@someone") are not links. */
export function webUrl(value: unknown): URL | undefined {
  const text = asText(value, 2000);
  if (!text || /\s/.test(text)) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text)
    ? text
    : /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i.test(text)
      ? `https://${text}`
      : undefined;
  if (!withScheme || !URL.canParse(withScheme)) return undefined;
  const url = new URL(withScheme);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') ? url : undefined;
}

export function classifyLink(value: unknown): ProfileLink | undefined {
  const url = webUrl(value);
  if (!url) return undefined;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (host === 'linkedin.com' || host.endsWith('.linkedin.com')) return { kind: 'linkedin', url: url.href };
  if (host === 'github.com') {
    const login = url.pathname.split('/')[1] ?? '';
    if (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(login) && !githubPages.has(login.toLowerCase()))
      return { kind: 'github', login };
    return undefined;
  }
  if (socialHosts.some((social) => host === social || host.endsWith(`.${social}`)))
    return { kind: 'social', url: url.href };
  return { kind: 'web', url: url.href };
}

/**
 * Profiles from an applicant's links: the first LinkedIn URL, the first github.com/<login>, and the first other
 * web address as the portfolio. Only `websites` may become the portfolio (Greenhouse's social media addresses are
 * not one), and never a social network's page.
 */
export function profilesFrom(websites: unknown[], socialLinks: unknown[]): ProfilesInput | undefined {
  const profiles: ProfilesInput = {};
  for (const [list, mayBePortfolio] of [
    [websites, true],
    [socialLinks, false],
  ] as const) {
    for (const value of list) {
      const link = classifyLink(value);
      if (link?.kind === 'linkedin' && !profiles.linkedin) profiles.linkedin = { url: link.url };
      else if (link?.kind === 'github' && !profiles.github) profiles.github = { login: link.login };
      else if (link?.kind === 'web' && mayBePortfolio && !profiles.portfolioUrl) profiles.portfolioUrl = link.url;
    }
  }
  return Object.keys(profiles).length > 0 ? profiles : undefined;
}
