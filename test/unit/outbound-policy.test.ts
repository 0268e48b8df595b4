// The outbound URL policy: which URLs the service may call, and OUTBOUND_ALLOW_HOSTS.
import { addressRefusal, checkOutboundUrl, parseAllowHosts } from '../../src/outbound/outbound-policy';

const refused = (url: string, allow = '') => {
  const checked = checkOutboundUrl(url, parseAllowHosts(allow));
  return checked.ok ? null : checked.reason;
};

describe('checkOutboundUrl', () => {
  it.each([
    // loopback, in every spelling
    ['http://127.0.0.1:8080/hook', /loopback/],
    ['http://127.255.255.254/', /loopback/],
    ['http://localhost:3000/', /loopback/],
    ['http://LOCALHOST./', /loopback/],
    ['http://api.localhost/', /loopback/],
    ['http://[::1]/', /loopback/],
    ['http://[0:0:0:0:0:0:0:1]/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://[::ffff:7f00:1]/', /loopback/],
    // unspecified
    ['http://0.0.0.0/', /unspecified/],
    ['http://[::]/', /unspecified/],
    // private, carrier-grade NAT, link-local (cloud metadata), unique-local, multicast
    ['http://10.1.2.3/', /private/],
    ['http://172.16.0.1/', /private/],
    ['http://172.31.255.255/', /private/],
    ['http://192.168.1.10/', /private/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://100.127.255.255/', /carrier-grade NAT/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://[fd00:ec2::254]/', /unique-local/],
    ['http://[fc00::1]/', /unique-local/],
    ['http://224.0.0.251/', /multicast/],
    ['http://[ff02::1]/', /multicast/],
    ['http://255.255.255.255/', /reserved/],
    ['http://[::ffff:10.0.0.1]/', /private/],
    ['http://[::ffff:169.254.169.254]/', /link-local/],
    ['http://[64:ff9b::a9fe:a9fe]/', /link-local/],
    ['http://[2002:7f00:1::]/', /loopback/],
    // IPv4 written in other forms (what URL parsers turn into addresses)
    ['http://2852039166/', /another form/],
    ['http://0xa9fea9fe/', /another form/],
    ['http://0251.0376.0251.0376/', /another form/],
    ['http://127.1/', /another form/],
    ['http://0x7f.0.0.1/', /another form/],
    ['http://134744072/', /another form/],
    ['http://%31%32%37.0.0.1/', /another form/],
    ['http://127.0.0.1./', /another form/],
    // only http and https
    ['ftp://example.com/file', /http or https/],
    ['file:///etc/passwd', /http or https/],
    ['gopher://example.com/', /http or https/],
    ['not a url', /not a URL/],
  ])('refuses %s', (url, reason) => {
    expect(refused(url)).toMatch(reason);
  });

  it.each([
    'https://hooks.slack.com/services/T1/B1/x',
    'https://api.lever.co',
    'https://www.treasury.gov/ofac/downloads/',
    'http://8.8.8.8/',
    'http://172.32.0.1/',
    'http://100.128.0.1/',
    'http://[2606:4700:4700::1111]/',
    'http://[::ffff:8.8.8.8]/',
    'https://receiver.example.com:8443/hook',
  ])('allows %s', (url) => {
    expect(refused(url)).toBeNull();
  });

  it('allows a listed host (on any port, or on the listed one only), and nothing else it resolves like', () => {
    expect(refused('http://127.0.0.1:8080/hook', '127.0.0.1')).toBeNull();
    expect(refused('http://127.0.0.1:8080/hook', '127.0.0.1:8080')).toBeNull();
    expect(refused('http://127.0.0.1:9090/hook', '127.0.0.1:8080')).toMatch(/loopback/);
    expect(refused('http://receiver.internal/hook', 'receiver.internal:80')).toBeNull();
    expect(refused('http://localhost:3000/', 'localhost')).toBeNull();
    expect(refused('http://127.0.0.2/', '127.0.0.1')).toMatch(/loopback/);
    expect(refused('http://[::1]:8080/', '[::1]:8080')).toBeNull();
    // An allowed address written in another form is still refused: the list names hosts as written.
    expect(refused('http://127.1/', '127.0.0.1')).toMatch(/another form/);
  });
});

describe('addressRefusal (what a host name resolved to, and the address connected to)', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['::1', 'a loopback address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['10.0.0.1', 'a private address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['0.0.0.0', 'an unspecified address'],
    ['8.8.8.8', null],
    ['2606:4700:4700::1111', null],
    ['nonsense', 'not an IP address'],
  ])('%s is %s', (address, expected) => {
    expect(addressRefusal(address)).toBe(expected);
  });
});

describe('parseAllowHosts', () => {
  it('reads hosts and host:port pairs, in lower case, and names a bad entry', () => {
    expect(parseAllowHosts(' Receiver.Internal , 127.0.0.1:8080,[::1]:9000 ,')).toEqual([
      { host: 'receiver.internal' },
      { host: '127.0.0.1', port: 8080 },
      { host: '[::1]', port: 9000 },
    ]);
    expect(parseAllowHosts(undefined)).toEqual([]);
    expect(() => parseAllowHosts('http://receiver.internal/')).toThrow(
      /"http:\/\/receiver.internal\/" is not a host or host:port/,
    );
    expect(() => parseAllowHosts('host:99999')).toThrow(/not a host or host:port/);
  });
});
