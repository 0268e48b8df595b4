// E-mail facts: disposable domains (the CC0 disposable-email-domains list, via npm) and plus-addressing.
import { disposableEmailBlocklistSet } from 'disposable-email-domains-js';

export interface EmailFacts {
  domain: string;
  isDisposable: boolean;
  hasPlusTag: boolean;
}

let disposable: Set<string> | undefined;

function isDisposableDomain(domain: string): boolean {
  disposable ??= disposableEmailBlocklistSet();
  // A subdomain of a disposable domain is disposable too (x.mailinator.com).
  const labels = domain.split('.');
  for (let i = 0; i < labels.length - 1; i += 1) {
    if (disposable.has(labels.slice(i).join('.'))) return true;
  }
  return false;
}

export function inspectEmail(address: string): EmailFacts {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  return { domain, isDisposable: isDisposableDomain(domain), hasPlusTag: local.includes('+') };
}
