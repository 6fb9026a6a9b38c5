import type { ChecklistSnapshot } from '../checklists/snapshot.schema.js';
import { flattenQuestions } from '../checklists/snapshot-questions.js';
import { isEmptyValue, type ObjectInfo } from './object-info.js';
import { type AnswerLookup, isAnswered, isAnswerRequired, isCommentMissing } from './scoring.js';

export type CompletenessKind = 'required_field' | 'unanswered' | 'comment_required';

export interface CompletenessProblem {
  kind: CompletenessKind;
  /** `objectInfo.<code>` or `responses.<questionId>`: where the client jumps to. */
  path: string;
  questionId: number | null;
  fieldCode: string | null;
  message: string;
}

/**
 * What stops an audit from being submitted, in checklist order: every required object-info field
 * filled, every score and yes/no question answered, a comment on every reduced answer that needs one.
 */
export function checkCompleteness(
  snapshot: ChecklistSnapshot,
  objectInfo: ObjectInfo,
  answers: AnswerLookup,
): CompletenessProblem[] {
  const problems: CompletenessProblem[] = [];
  const fields = [...snapshot.objectInfoFields].sort((a, b) => a.position - b.position);
  for (const field of fields) {
    if (field.isRequired && isEmptyValue(objectInfo[field.code])) {
      problems.push({
        kind: 'required_field',
        path: `objectInfo.${field.code}`,
        questionId: null,
        fieldCode: field.code,
        message: `Не заполнено обязательное поле «${field.label}».`,
      });
    }
  }
  for (const { question } of flattenQuestions(snapshot)) {
    const answer = answers.get(question.id);
    const base = { path: `responses.${question.id}`, questionId: question.id, fieldCode: null };
    if (isAnswerRequired(question) && !isAnswered(question, answer)) {
      problems.push({
        ...base,
        kind: 'unanswered',
        message: `Нет ответа на вопрос «${question.code}. ${question.text}».`,
      });
    } else if (isCommentMissing(question, answer)) {
      problems.push({
        ...base,
        kind: 'comment_required',
        message: `Нужен комментарий к сниженной оценке в вопросе «${question.code}. ${question.text}».`,
      });
    }
  }
  return problems;
}
