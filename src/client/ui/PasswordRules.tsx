import { List, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconPoint, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  checkPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasswordProblem,
} from '../../shared/accounts/password-policy';

const SHOWN_RULES: PasswordProblem[] = ['too_short', 'all_digits', 'too_common', 'similar_to_username'];

/** The password policy (shared with the server) as a live checklist under a new-password field. */
export function PasswordRules({ password, username }: { password: string; username: string }) {
  const { t } = useTranslation('accounts');
  const problems = new Set(checkPassword(password, username));
  const rules = problems.has('too_long') ? [...SHOWN_RULES, 'too_long' as const] : SHOWN_RULES;
  const isTyping = password.length > 0;
  return (
    <div>
      <Text size="sm" fw={600} mb={4} id="password-rules-title">
        {t('passwordRules.title')}
      </Text>
      <List spacing={2} size="sm" center aria-labelledby="password-rules-title" data-testid="password-rules">
        {rules.map((rule) => {
          const failed = problems.has(rule);
          const color = !isTyping ? 'gray' : failed ? 'red' : 'teal';
          const Icon = !isTyping ? IconPoint : failed ? IconX : IconCheck;
          return (
            <List.Item
              key={rule}
              data-rule={rule}
              data-ok={isTyping && !failed}
              icon={
                <ThemeIcon color={color} size={18} radius="xl" variant="light">
                  <Icon size={12} />
                </ThemeIcon>
              }
            >
              <Text size="sm" c={isTyping && failed ? 'red.8' : undefined}>
                {t(`passwordRules.${rule}`, { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })}
              </Text>
            </List.Item>
          );
        })}
      </List>
    </div>
  );
}
