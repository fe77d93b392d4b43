import { z } from 'zod';

/** Front matter of a FAQ entry (`knowledge/faq/*.md`). Unknown keys are errors: a typo must not pass silently. */
export const kbSourceSchema = z
  .object({
    doc: z.string().min(1, 'doc must name the document, e.g. "circulaire"'),
    section: z.string().min(1).optional(),
    label: z.string().min(3, 'label must be the citation shown to users'),
  })
  .strict();

export const kbFrontMatterSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case (lower-case letters, digits, dashes)'),
    title: z.string().min(5, 'title must be a real question or heading'),
    questions: z
      .array(z.string().min(3, 'each phrasing must be a real question'))
      .min(1, 'list at least one way agents ask this question'),
    tags: z.array(z.string().min(1)).default([]),
    /** Concepts of `concepts.yaml` this entry answers (the subjects it is the right answer for). */
    concepts: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a concept id is kebab-case, as in concepts.yaml')).default([]),
    sources: z.array(kbSourceSchema).min(1, 'every entry must name its source'),
    related: z.array(z.string()).default([]),
    updated: z.union([
      z.date().transform((d) => d.toISOString().slice(0, 10)),
      z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'updated must be a date like 2026-11-28'),
    ]),
  })
  .strict();

export type KbFrontMatter = z.infer<typeof kbFrontMatterSchema>;
