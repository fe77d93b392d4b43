/** Public API of the tool-tier guidance engine. */
export { assessToolQuestion, DATA_LABELS, type AssessContext } from './verdict.js';
export { loadPolicy, createPolicy, type Policy } from './load.js';
export { analyzeData, type AnalyzeDataOptions } from './data-analysis.js';
export { detectTool } from './tool-detect.js';
export { detectAutomatedDecision } from './automation.js';
export { detectPressure } from './pressure.js';
export { RULES, evaluateRules, ALTERNATIVES, type PolicyRule, type PolicyFacts } from './rules.js';
export {
  renderAssessment,
  TOOL_TIER_CHOICES,
  DATA_KIND_CHOICES,
  TOOL_QUESTION,
  DATA_QUESTION,
  VERDICT_LABELS,
  TIER_LABELS,
  type RenderedAssessment,
  type ChoiceItem,
} from './render.js';
export { parseCatalogue, loadCatalogue, type CompiledCatalogue, type CatalogueTool } from './catalogue.js';
export { parseLexicon, loadLexicon, type CompiledLexicon } from './lexicon.js';
export { PolicyConfigError } from './config-error.js';
export { POLICY_SOURCES } from './sources.js';
export * from './types.js';
