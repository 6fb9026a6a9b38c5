import type { ResponseDto, SaveResponse } from '../../../shared/audits/audits.schema';
import type { AuditAnswer } from '../../../shared/audits/scoring';

/** An answer as the form holds it (the same shape the shared scoring rules read). */
export type AnswerState = AuditAnswer;

export const EMPTY_ANSWER: AnswerState = {
  score: null,
  yesNo: null,
  textValue: null,
  comment: null,
  isFlagged: false,
};

export function answerFromResponse(r: ResponseDto | undefined): AnswerState {
  if (!r) return EMPTY_ANSWER;
  return {
    score: r.score,
    yesNo: r.yesNo,
    textValue: r.textValue,
    comment: r.comment,
    isFlagged: r.isFlagged,
  };
}

export function toSaveBody(a: AnswerState): SaveResponse {
  return {
    score: a.score,
    yesNo: a.yesNo,
    textValue: a.textValue,
    comment: a.comment,
    isFlagged: a.isFlagged,
  };
}

export function answersMap(responses: ResponseDto[]): Map<number, AuditAnswer> {
  return new Map(responses.map((r) => [r.questionId, answerFromResponse(r)]));
}

/** DOM id of the element a completeness problem points at (`responses.12` → `q-12`). */
export function anchorFor(path: string): string {
  if (path.startsWith('responses.')) return `q-${path.slice('responses.'.length)}`;
  if (path.startsWith('objectInfo.')) return `field-${path.slice('objectInfo.'.length)}`;
  return path;
}

/** Scrolls to a question or field and focuses its first control. */
export function jumpTo(path: string): void {
  const el = document.getElementById(anchorFor(path));
  if (!el) return;
  el.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el.querySelector<HTMLElement>('input, textarea, button')?.focus({ preventScroll: true });
}
