import { expect, test } from './support/server.js';

test('an admin builds and publishes a small checklist, and the version appears in the history', async ({
  app,
  page,
}) => {
  const admin = await app.createAdmin('builder.admin', 'Ограничитель-Скорости-7');
  await page.goto('/login');
  await page.getByLabel('Имя пользователя').fill(admin.username);
  await page.getByLabel('Пароль', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page).not.toHaveURL(/\/login/);

  await page.getByRole('link', { name: 'Чек-лист' }).click();
  await expect(page.getByRole('heading', { name: 'Конструктор чек-листа' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Установить стартовый чек-лист' })).toBeVisible();
  await expect(page.getByText('Чек-лист ещё не опубликован')).toBeVisible();

  // A zone.
  await page.getByRole('button', { name: 'Добавить зону' }).click();
  const zoneForm = page.getByRole('dialog', { name: 'Новая зона' });
  await zoneForm.getByLabel('Название зоны').fill('Кабина');
  await zoneForm.getByLabel('Код').fill('CAR');
  await zoneForm.getByRole('button', { name: 'Добавить' }).click();
  const zone = page.getByTestId('zone-card').filter({ hasText: 'Кабина' });
  await expect(zone).toBeVisible();
  await expect(zone.getByText('В зоне «Кабина» нет ни одного активного раздела.')).toBeVisible();

  // A section in it.
  await zone.getByRole('button', { name: 'Добавить раздел' }).click();
  const sectionForm = page.getByRole('dialog', { name: 'Новый раздел' });
  await sectionForm.getByLabel('Название раздела').fill('Двери кабины');
  await sectionForm.getByRole('button', { name: 'Добавить' }).click();
  const section = zone.getByTestId('section-card').filter({ hasText: 'Двери кабины' });
  await expect(section).toBeVisible();

  // A graded question: the form explains each mistake next to the field before saving.
  await section.getByRole('button', { name: 'Добавить вопрос' }).click();
  const questionForm = page.getByRole('dialog', { name: 'Новый вопрос' });
  await questionForm.getByLabel('Текст вопроса').fill('Реверс дверей кабины при встрече с препятствием');
  await questionForm.getByLabel('Код').fill('CAR-01');
  await questionForm.getByLabel('Группа критериев').click();
  await page.getByRole('option', { name: 'Безопасность' }).click();
  for (let i = 0; i < 3; i++) await questionForm.getByRole('button', { name: 'Добавить вариант' }).click();
  await questionForm.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(questionForm.getByText('Опишите, что означает балл 0.')).toBeVisible();
  await expect(questionForm.getByText('Укажите максимальный балл (наивысший вариант — 2).')).toBeVisible();

  const descriptions = ['Двери не реверсируют', 'Реверс срабатывает с задержкой', 'Реверс срабатывает сразу'];
  for (const [i, text] of descriptions.entries())
    await questionForm.getByLabel(`Что означает этот балл ${i + 1}`).fill(text);
  await questionForm.getByRole('button', { name: 'Взять наивысший (2)' }).click();
  await expect(questionForm.getByText('Опишите, что означает балл 0.')).toBeHidden();
  await questionForm.getByRole('button', { name: 'Добавить', exact: true }).click();
  await expect(questionForm).toBeHidden();
  const question = section.getByTestId('question-row').filter({ hasText: 'CAR-01' });
  await expect(question).toContainText('Реверс дверей кабины при встрече с препятствием');
  await expect(question).toContainText('макс. 2');

  // Publish with notes.
  await expect(page.getByText('Есть неопубликованные изменения')).toBeVisible();
  await page.getByRole('button', { name: 'Опубликовать' }).click();
  const publishForm = page.getByRole('dialog', { name: 'Публикация версии' });
  await publishForm.getByLabel('Что изменилось').fill('Первая версия: двери кабины');
  await publishForm.getByRole('button', { name: 'Опубликовать' }).click();
  await expect(page.getByText('Опубликована версия 1.')).toBeVisible();
  await expect(page.getByText('Черновик совпадает с последней версией')).toBeVisible();

  // The version is in the history.
  await page.getByRole('tab', { name: 'Версии' }).click();
  await expect(page.getByRole('heading', { name: 'История версий' })).toBeVisible();
  const row = page.getByTestId('versions-table').locator('tr[data-version="1"]');
  await expect(row).toContainText('Первая версия: двери кабины');
  await expect(row).toContainText('builder.admin');
  await expect(row.getByRole('link', { name: 'Скачать JSON' })).toHaveAttribute(
    'href',
    '/api/checklists/versions/1/export',
  );
});
