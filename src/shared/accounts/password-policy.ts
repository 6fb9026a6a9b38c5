import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = 'too_short' | 'too_long' | 'all_digits' | 'too_common' | 'similar_to_username';

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Пароль должен содержать не менее ${PASSWORD_MIN_LENGTH} символов.`,
  too_long: `Пароль должен быть не длиннее ${PASSWORD_MAX_LENGTH} символов.`,
  all_digits: 'Пароль не может состоять только из цифр.',
  too_common: 'Этот пароль слишком распространён и легко угадывается.',
  similar_to_username: 'Пароль слишком похож на имя пользователя.',
};

/**
 * Checks a new password against the policy (DESIGN §4): at least 10 characters, not all digits,
 * not a common password, not like the username. Returns every problem found, empty when acceptable.
 */
export function checkPassword(password: string, username = ''): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if ([...password].length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (/^\d+$/.test(password)) problems.push('all_digits');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || isRepetitive(lower)) problems.push('too_common');
  if (isSimilarToUsername(lower, username.toLowerCase())) problems.push('similar_to_username');
  return problems;
}

function isRepetitive(password: string): boolean {
  return new Set(password).size <= 2;
}

function isSimilarToUsername(password: string, username: string): boolean {
  if (username.length < 3) return false;
  if (password.includes(username)) return true;
  if (username.includes(password)) return true;
  const reversed = [...username].reverse().join('');
  return password.includes(reversed);
}
