/** Types of the SafeLives DASH risk identification checklist (24 questions). */

export type DashAnswer = 'yes' | 'no' | 'not-known';

export type DashRiskBand = 'standard' | 'medium' | 'high';

export interface DashQuestion {
  /** 1–24, the question's number on the SafeLives form. */
  number: number;
  /** Stable key for storage and forms. */
  key: string;
  /** Paraphrase of the public question topic (not the form's wording). */
  topic: string;
  /** Whom the question is about. */
  about: 'incident' | 'victim' | 'perpetrator' | 'relationship';
  /** Local professional-judgement triggers this question feeds (Plymouth list, domain §2.3). */
  triggers?: DashTrigger[];
}

/** Professional-judgement triggers that a DASH answer can point to (domain §2.3). */
export type DashTrigger = 'non-fatal-strangulation' | 'stalking' | 'threats-to-kill' | 'separation' | 'coercive-control' | 'physical-or-sexual-violence';

/** Answers keyed by question number (1–24); a missing question counts as not answered. */
export type DashAnswers = Partial<Record<number, DashAnswer>>;

export interface DashBands {
  /** Lowest score of the medium band (default 10). */
  mediumFrom: number;
  /** Lowest score of the high band (default 14). */
  highFrom: number;
}

export interface DashResult {
  /** Number of "yes" answers: the DASH score. */
  score: number;
  answered: number;
  notKnown: number;
  unanswered: number[];
  band: DashRiskBand;
  /** Professional-judgement prompts raised by the answers (never a downgrade of the score). */
  prompts: DashTrigger[];
  /** The "cluster of 3": separation + coercive control + physical or sexual violence. */
  clusterOfThree: boolean;
}
