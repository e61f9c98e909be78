/**
 * adaptivecards-templating's typings import `adaptivecards/src/schema`, which is TypeScript
 * source that does not compile under this project's settings (tsconfig maps the import here).
 * Only the card type is needed: a JSON object.
 */
export type IAdaptiveCard = Record<string, unknown>;
