import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { parsePhone } from '../../src/applicants/phone-parse';
import { inspectPhone } from '../../src/intel/phone';

describe('parsePhone: one reading of a number per request', () => {
  it('reads a number as libphonenumber-js does, in the default plan when it has no +', () => {
    for (const [value, country] of [
      ['+1 512 555 0142', undefined],
      ['020 7946 0958', 'GB'],
      ['(512) 555-0142', 'US'],
      ['+850 2 381 2000', null],
      ['12', 'US'],
    ] as const) {
      expect(parsePhone(value, country)?.number).toBe(parsePhoneNumberFromString(value, country ?? undefined)?.number);
    }
  });

  it('gives the same reading to the dialling check and to the screening facts, and another in another plan', () => {
    const first = parsePhone('07700 900123', 'GB');
    expect(parsePhone('07700 900123', 'GB')).toBe(first);
    const direct = parsePhoneNumberFromString('07700 900123', 'GB')!;
    expect(inspectPhone('07700 900123', 'GB')).toEqual({
      e164: '+447700900123',
      country: 'GB',
      isValid: direct.isValid(),
      lineType: direct.getType() ?? null,
    });
    // The same digits in another numbering plan are another number: never the remembered one.
    expect(parsePhone('07700 900123', 'DE')).not.toBe(first);
    expect(parsePhone('07700 900123', 'DE')?.number).toBe(parsePhoneNumberFromString('07700 900123', 'DE')?.number);
  });

  it('remembers only the recent numbers: an old one is read again', () => {
    const old = parsePhone('+1 212 555 0100');
    for (let n = 0; n < 40; n++) parsePhone(`+1 415 555 ${String(n).padStart(4, '0')}`);
    const again = parsePhone('+1 212 555 0100');
    expect(again).not.toBe(old);
    expect(again?.number).toBe(old?.number);
  });
});
