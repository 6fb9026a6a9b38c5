import { z } from 'zod';

/** `?page=&pageSize=` of a list route: 1-based page, at most 200 rows a page. Spread into the query schema. */
export const pageQueryFields = (defaultPageSize = 50) => ({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(defaultPageSize),
});

/** One page of a list answer: the items, the total across all pages, and the page asked for. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
