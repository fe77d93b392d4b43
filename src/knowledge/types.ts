/** A knowledge-base entry, as loaded and validated from `knowledge/faq/*.md`. */
export interface KbSource {
  /** Document id, e.g. "circulaire" (the circular distributing the charter) or "rgpd". */
  doc: string;
  /** Section or article, e.g. "§ 2" or "article 4". */
  section?: string;
  /** Human label shown to the user, e.g. "Circulaire de diffusion de la charte, § 2". */
  label: string;
}

export interface KbEntry {
  id: string;
  title: string;
  /** Alternative phrasings of the question. */
  questions: string[];
  tags: string[];
  /** Ids of the concepts (`concepts.yaml`) this entry answers. */
  concepts?: string[];
  sources: KbSource[];
  /** ISO date (YYYY-MM-DD). */
  updated: string;
  /** Ids of entries offered as follow-up suggestions. */
  related: string[];
  /** Markdown answer. */
  body: string;
  /** File the entry came from (relative to the knowledge dir), for error messages. */
  file: string;
}

/** A scored hit from the retriever. */
export interface KbHit {
  entry: KbEntry;
  score: number;
  /** 0..1, calibrated: the bot answers from the KB only above the configured threshold. */
  confidence: number;
}
