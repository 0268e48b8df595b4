// Communication and behaviour indicators: interviews, liveness, how the applicant can be reached.
import type { Indicator } from '../types';
import { sources } from '../sources';

export const avoidsCamera: Indicator = {
  id: 'comm_no_video',
  family: 'communication',
  severity: 'medium',
  points: 15,
  source: `${sources.psa23} (unwillingness or inability to appear on camera); ${sources.adv22Operations} (prefer text-based chat)`,
  recommendedAction: 'Require one interview on camera with the identity document held beside the face.',
  evaluate(applicant) {
    const interview = applicant.interview;
    if (interview?.cameraRefused !== true && interview?.videoOn !== false) return null;
    return {
      message: interview.cameraRefused
        ? 'The applicant refused to turn the camera on'
        : 'The interview was held without video',
      evidence: { videoOn: interview.videoOn ?? null, cameraRefused: interview.cameraRefused ?? null },
    };
  },
};

export const avoidsInPerson: Indicator = {
  id: 'comm_avoids_in_person',
  family: 'communication',
  severity: 'medium',
  points: 15,
  source: `${sources.psa23} (undue concern about drug tests or in-person meetings); ${sources.seal} (repeated excuses)`,
  recommendedAction: 'Offer an in-person meeting or a notarised identity check near the claimed home.',
  evaluate(applicant) {
    if (applicant.interview?.inPersonRefused !== true) return null;
    return { message: 'The applicant declined an in-person meeting or test', evidence: { inPersonRefused: true } };
  },
};

export const livenessFailed: Indicator = {
  id: 'comm_liveness_fail',
  family: 'communication',
  severity: 'high',
  points: 30,
  source: `${sources.fbi25} (ask the person to wave a hand in front of the face, point the camera out of a window); ${sources.seal}`,
  recommendedAction:
    'Repeat the liveness check live with a reviewer present; treat a second failure as a possible deepfake.',
  evaluate(applicant) {
    if (applicant.interview?.livenessCheck !== 'failed') return null;
    return {
      message: 'The liveness check failed (possible face swap or deepfake)',
      evidence: { livenessCheck: 'failed' },
    };
  },
};

export const voipPhone: Indicator = {
  id: 'comm_voip_phone',
  family: 'communication',
  severity: 'low',
  points: 5,
  source: `${sources.mandiant24} (monitor for VoIP numbers); weak alone: many legitimate users have VoIP numbers`,
  recommendedAction: 'None on its own; call the number during the claimed business hours.',
  evaluate(_applicant, context) {
    if (context.phone?.lineType !== 'VOIP') return null;
    return { message: 'The phone number is a VoIP number', evidence: { phone: context.phone.e164, lineType: 'VOIP' } };
  },
};

export const changingContacts: Indicator = {
  id: 'comm_changing_contacts',
  family: 'communication',
  severity: 'medium',
  points: 10,
  source: `${sources.adv22Employers} (incorrect or changing contact information, specifically phone numbers and emails)`,
  recommendedAction: 'Ask why the contact details changed; confirm the current ones by calling and e-mailing.',
  evaluate(applicant) {
    const changes = (applicant.person.previousEmails?.length ?? 0) + (applicant.person.previousPhones?.length ?? 0);
    if (changes < 2) return null;
    return {
      message: `The applicant has changed phone numbers or e-mail addresses ${changes} times`,
      evidence: {
        previousEmails: applicant.person.previousEmails?.length ?? 0,
        previousPhones: applicant.person.previousPhones?.length ?? 0,
      },
    };
  },
};

export const disposableEmail: Indicator = {
  id: 'comm_disposable_email',
  family: 'communication',
  severity: 'medium',
  points: 12,
  source: `${sources.adv22Employers} (incorrect or changing contact information); public DPRK persona lists (alias and throwaway mail services)`,
  recommendedAction: 'Ask for a lasting personal or professional address and confirm it.',
  evaluate(_applicant, context) {
    if (!context.email?.isDisposable) return null;
    return {
      message: `The e-mail address is at a disposable mail service (${context.email.domain})`,
      evidence: { domain: context.email.domain },
    };
  },
};
