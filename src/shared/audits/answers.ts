import type { SnapshotQuestion } from '../checklists/snapshot.schema.js';
import { MAX_COMMENT_LENGTH, MAX_TEXT_ANSWER_LENGTH } from './limits.js';
import type { FieldProblem } from './object-info.js';

export interface AnswerInput {
  score?: number | null | undefined;
  yesNo?: boolean | null | undefined;
  textValue?: string | null | undefined;
  comment?: string | null | undefined;
  isFlagged?: boolean | undefined;
}

/**
 * Problems of one answer against its question: a score must be one of the question's options, each
 * kind of value only on its kind of question. Incomplete answers are fine (drafts autosave).
 */
export function validateAnswer(q: SnapshotQuestion, input: AnswerInput): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = `«${q.code}. ${q.text}»`;
  const score = input.score ?? null;
  const yesNo = input.yesNo ?? null;
  const textValue = input.textValue ?? null;
  if (score !== null) {
    if (q.type !== 'score') {
      problems.push({
        path: 'score',
        code: 'not_a_score_question',
        message: `Вопрос ${name} не оценивается баллами.`,
      });
    } else if (!q.options.some((o) => o.score === score)) {
      const allowed = q.options.map((o) => o.score).join(', ');
      problems.push({
        path: 'score',
        code: 'invalid_score',
        message: `Оценка ${score} недопустима для вопроса ${name}: допустимо ${allowed}.`,
      });
    }
  }
  if (yesNo !== null && q.type !== 'yes_no') {
    problems.push({
      path: 'yesNo',
      code: 'not_a_yes_no_question',
      message: `Вопрос ${name} не требует ответа «да/нет».`,
    });
  }
  if (textValue !== null && textValue !== '' && q.type !== 'text') {
    problems.push({
      path: 'textValue',
      code: 'not_a_text_question',
      message: `Вопрос ${name} не требует текстового ответа.`,
    });
  }
  if (textValue !== null && textValue.length > MAX_TEXT_ANSWER_LENGTH) {
    problems.push({
      path: 'textValue',
      code: 'too_long',
      message: `Ответ длиннее ${MAX_TEXT_ANSWER_LENGTH} символов.`,
    });
  }
  if ((input.comment ?? '').length > MAX_COMMENT_LENGTH) {
    problems.push({
      path: 'comment',
      code: 'too_long',
      message: `Комментарий длиннее ${MAX_COMMENT_LENGTH} символов.`,
    });
  }
  return problems;
}
