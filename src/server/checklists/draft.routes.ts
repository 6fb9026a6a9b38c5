import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CreateCategorySchema,
  CreateObjectInfoFieldSchema,
  CreateQuestionSchema,
  CreateSectionSchema,
  DraftTreeSchema,
  IdParamsSchema,
  MoveQuestionSchema,
  MoveSectionSchema,
  ReorderSchema,
  UpdateCategorySchema,
  UpdateObjectInfoFieldSchema,
  UpdateQuestionSchema,
  UpdateSectionSchema,
} from '../../shared/checklists/checklists.schema.js';
import { adminOnly, currentUser } from '../plugins/session.js';
import type { DraftTable } from './checklists.repo.js';
import type { DraftService } from './draft.service.js';
import type { VersionsService } from './versions.service.js';

const IdResponse = z.object({ id: z.number().int() });
const created = { 201: IdResponse };
const ok = { 200: IdResponse };

const ACTIVATABLE: Array<[string, DraftTable]> = [
  ['categories', 'checklistCategories'],
  ['sections', 'checklistSections'],
  ['questions', 'checklistQuestions'],
  ['object-info-fields', 'objectInfoFields'],
];

/** Admin editing of the checklist draft (the builder). */
export const draftRoutes: FastifyPluginAsyncZod<{ draft: DraftService; versions: VersionsService }> = async (
  app,
  { draft, versions },
) => {
  app.addHook('preHandler', adminOnly);
  const base = '/api/checklists';

  app.get(`${base}/draft`, { schema: { response: { 200: DraftTreeSchema } } }, () => versions.getDraft());

  app.post(
    `${base}/categories`,
    { schema: { body: CreateCategorySchema, response: created } },
    async (req, reply) => reply.status(201).send(await draft.createCategory(currentUser(req).id, req.body)),
  );
  app.patch(
    `${base}/categories/:id`,
    { schema: { params: IdParamsSchema, body: UpdateCategorySchema, response: ok } },
    (req) => draft.updateCategory(currentUser(req).id, req.params.id, req.body),
  );

  app.post(
    `${base}/sections`,
    { schema: { body: CreateSectionSchema, response: created } },
    async (req, reply) => reply.status(201).send(await draft.createSection(currentUser(req).id, req.body)),
  );
  app.patch(
    `${base}/sections/:id`,
    { schema: { params: IdParamsSchema, body: UpdateSectionSchema, response: ok } },
    (req) => draft.updateSection(currentUser(req).id, req.params.id, req.body),
  );
  app.post(
    `${base}/sections/:id/move`,
    { schema: { params: IdParamsSchema, body: MoveSectionSchema, response: ok } },
    (req) => draft.moveSection(currentUser(req).id, req.params.id, req.body.categoryId),
  );

  app.post(
    `${base}/questions`,
    { schema: { body: CreateQuestionSchema, response: created } },
    async (req, reply) => reply.status(201).send(await draft.createQuestion(currentUser(req).id, req.body)),
  );
  app.patch(
    `${base}/questions/:id`,
    { schema: { params: IdParamsSchema, body: UpdateQuestionSchema, response: ok } },
    (req) => draft.updateQuestion(currentUser(req).id, req.params.id, req.body),
  );
  app.post(
    `${base}/questions/:id/move`,
    { schema: { params: IdParamsSchema, body: MoveQuestionSchema, response: ok } },
    (req) => draft.moveQuestion(currentUser(req).id, req.params.id, req.body.sectionId),
  );

  app.post(
    `${base}/object-info-fields`,
    { schema: { body: CreateObjectInfoFieldSchema, response: created } },
    async (req, reply) => reply.status(201).send(await draft.createField(currentUser(req).id, req.body)),
  );
  app.patch(
    `${base}/object-info-fields/:id`,
    { schema: { params: IdParamsSchema, body: UpdateObjectInfoFieldSchema, response: ok } },
    (req) => draft.updateField(currentUser(req).id, req.params.id, req.body),
  );

  for (const [path, table] of ACTIVATABLE) {
    for (const [verb, isActive] of [
      ['deactivate', false],
      ['activate', true],
    ] as const) {
      app.post(`${base}/${path}/:id/${verb}`, { schema: { params: IdParamsSchema, response: ok } }, (req) =>
        draft.setActive(currentUser(req).id, table, req.params.id, isActive),
      );
    }
  }

  app.post(
    `${base}/reorder`,
    { schema: { body: ReorderSchema, response: { 200: z.object({ ids: z.array(z.number().int()) }) } } },
    (req) => draft.reorder(currentUser(req).id, req.body),
  );
};
